package dev.ctrstore;

import java.util.Objects;

/**
 * One committed change of a container, as a {@link Watch} delivers it. Immutable.
 *
 * <p>{@link #container()} is the version the write produced (for a delete: the last version that
 * was stored, whose own {@link Container#revision()} is older than the event's). {@link
 * #revision()} is the revision of the write itself, which for a create or update equals {@code
 * container().revision()}.
 */
public final class Event {
  /** What the write did. */
  public enum Type {
    /** {@link Store#create}; topic {@code /containers/create}. */
    CREATED("/containers/create"),
    /** {@link Store#update} or {@link Store#updateIf}; topic {@code /containers/update}. */
    UPDATED("/containers/update"),
    /** {@link Store#delete} or {@link Store#deleteIf}; topic {@code /containers/delete}. */
    DELETED("/containers/delete");

    private final String topic;

    Type(String topic) {
      this.topic = topic;
    }

    /** containerd's event topic for this kind of change. */
    public String topic() {
      return topic;
    }
  }

  private final Type type;
  private final String namespace;
  private final long revision;
  private final Container container;

  private Event(Type type, String namespace, long revision, Container container) {
    this.type = Objects.requireNonNull(type, "type");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.revision = revision;
    this.container = Objects.requireNonNull(container, "container");
  }

  /** An event; stores create these, applications normally only read them. */
  public static Event of(Type type, String namespace, long revision, Container container) {
    return new Event(type, namespace, revision, container);
  }

  /** What the write did. */
  public Type type() {
    return type;
  }

  /** The namespace the change happened in. */
  public String namespace() {
    return namespace;
  }

  /** The id of the changed container. */
  public String id() {
    return container.id();
  }

  /** The revision of the write: unique in the namespace, increasing in commit order. */
  public long revision() {
    return revision;
  }

  /** The container after the write; for a delete, the last stored version. */
  public Container container() {
    return container;
  }

  /** containerd's topic: {@code /containers/create}, {@code /containers/update} or {@code /containers/delete}. */
  public String topic() {
    return type.topic();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Event e
        && type == e.type
        && namespace.equals(e.namespace)
        && revision == e.revision
        && container.equals(e.container);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, namespace, revision, container);
  }

  @Override
  public String toString() {
    return "Event{" + type + " " + namespace + "/" + id() + " @" + revision + "}";
  }
}
