package dev.ctrstore;

import com.google.protobuf.Any;
import org.jspecify.annotations.Nullable;

/**
 * The runtime a container runs under: a name such as {@code io.containerd.runc.v2} (required
 * non-empty on write) and optional runtime-specific options. Both are fixed when the container
 * is created; an update never changes them.
 *
 * @param name the runtime name; {@code null} is read as {@code ""}
 * @param options runtime options, or {@code null} when there are none (an empty {@link Any} is
 *     a real value and is kept as such)
 */
public record RuntimeInfo(String name, @Nullable Any options) {

  /** The canonical constructor; a null {@code name} is read as {@code ""}. */
  public RuntimeInfo(@Nullable String name, @Nullable Any options) {
    this.name = name == null ? "" : name;
    this.options = options;
  }

  /** A runtime with the given name and no options. */
  public static RuntimeInfo of(String name) {
    return new RuntimeInfo(name, null);
  }
}
