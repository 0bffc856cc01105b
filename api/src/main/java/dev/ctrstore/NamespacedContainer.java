package dev.ctrstore;

import java.util.Objects;

/**
 * A container together with the namespace it lives in: the unit of a bulk move (export, import,
 * copy), where one stream carries the containers of several namespaces.
 *
 * @param namespace the namespace; never null (checked when the record is written, not here)
 * @param container the container, with its timestamps as stored
 */
public record NamespacedContainer(String namespace, Container container) {

  public NamespacedContainer {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(container, "container");
  }
}
