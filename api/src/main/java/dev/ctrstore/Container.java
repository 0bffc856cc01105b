package dev.ctrstore;

import com.google.protobuf.Any;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One container record, as containerd keeps it. Immutable: every accessor returns either an
 * immutable value or an unmodifiable map, so a container handed out by a store can never change
 * what the store holds.
 *
 * <p>Strings are never null ({@code ""} means unset, as in containerd); maps are never null
 * (empty when unset) and iterate in key order. {@code spec} and the timestamps are null when
 * unset. Timestamps are set by the store; values passed in are ignored. {@link #equals} compares
 * every field, {@link Any} values by type URL and bytes.
 *
 * <p>A container used as input may hold a label with value {@code ""} (on write: drop or delete
 * that label) or an extension with a {@code null} value (rejected by validation); a container
 * returned by a store never does.
 */
public final class Container {
  private final String id;
  private final SortedMap<String, String> labels;
  private final String image;
  private final RuntimeInfo runtime;
  private final @Nullable Any spec;
  private final String snapshotKey;
  private final String snapshotter;
  private final @Nullable Instant createdAt;
  private final @Nullable Instant updatedAt;
  private final SortedMap<String, @Nullable Any> extensions;
  private final String sandboxId;
  private final long revision;

  private Container(Builder b) {
    this.id = b.id;
    this.labels = Collections.unmodifiableSortedMap(new TreeMap<>(b.labels));
    this.image = b.image;
    this.runtime = b.runtime;
    this.spec = b.spec;
    this.snapshotKey = b.snapshotKey;
    this.snapshotter = b.snapshotter;
    this.createdAt = b.createdAt;
    this.updatedAt = b.updatedAt;
    this.extensions = Collections.unmodifiableSortedMap(new TreeMap<>(b.extensions));
    this.sandboxId = b.sandboxId;
    this.revision = b.revision;
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this container's fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The id, unique within a namespace; {@code ""} when unset. */
  public String id() {
    return id;
  }

  /** Labels, in key order; never null. */
  public Map<String, String> labels() {
    return labels;
  }

  /** The image reference; {@code ""} when unset. */
  public String image() {
    return image;
  }

  /** The runtime; never null (name {@code ""} when unset). */
  public RuntimeInfo runtime() {
    return runtime;
  }

  /** The OCI runtime spec, packed; {@code null} when unset (which no store accepts). */
  public @Nullable Any spec() {
    return spec;
  }

  /** The snapshot key; {@code ""} when unset. */
  public String snapshotKey() {
    return snapshotKey;
  }

  /** The snapshotter name; {@code ""} when unset. */
  public String snapshotter() {
    return snapshotter;
  }

  /** When the store created the record (UTC, microsecond precision); null on input values. */
  public @Nullable Instant createdAt() {
    return createdAt;
  }

  /** When the store last wrote the record (UTC, microsecond precision); null on input values. */
  public @Nullable Instant updatedAt() {
    return updatedAt;
  }

  /** Extensions, in key order; never null. */
  public Map<String, @Nullable Any> extensions() {
    return extensions;
  }

  /** The sandbox this container belongs to; {@code ""} when unset. Fixed at create. */
  public String sandboxId() {
    return sandboxId;
  }

  /**
   * The revision of the write that produced this version of the container, as read from a store
   * that keeps revisions: strictly greater than every revision its namespace handed out before
   * that write. {@code 0} on a value not read from such a store. Stores ignore it on input (see
   * {@link Store#updateIf} for writing conditionally on it).
   */
  public long revision() {
    return revision;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Container c
        && id.equals(c.id)
        && labels.equals(c.labels)
        && image.equals(c.image)
        && runtime.equals(c.runtime)
        && Objects.equals(spec, c.spec)
        && snapshotKey.equals(c.snapshotKey)
        && snapshotter.equals(c.snapshotter)
        && Objects.equals(createdAt, c.createdAt)
        && Objects.equals(updatedAt, c.updatedAt)
        && extensions.equals(c.extensions)
        && sandboxId.equals(c.sandboxId)
        && revision == c.revision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, labels, image, runtime, spec, snapshotKey, snapshotter, createdAt,
        updatedAt, extensions, sandboxId, revision);
  }

  @Override
  public String toString() {
    return "Container{id=" + id
        + ", labels=" + labels
        + ", image=" + image
        + ", runtime=" + runtime.name() + (runtime.options() == null ? "" : "+options")
        + ", spec=" + (spec == null ? "null" : spec.getTypeUrl() + "(" + spec.getValue().size() + " bytes)")
        + ", snapshotter=" + snapshotter
        + ", snapshotKey=" + snapshotKey
        + ", createdAt=" + createdAt
        + ", updatedAt=" + updatedAt
        + ", extensions=" + extensions.keySet()
        + ", sandboxId=" + sandboxId
        + ", revision=" + revision + "}";
  }

  /**
   * Builds a {@link Container}. Not thread-safe. Null strings are read as {@code ""}, a null
   * map as an empty one, a null label value as {@code ""}. A null map key is refused at once
   * with {@link InvalidArgumentException}.
   */
  public static final class Builder {
    private String id = "";
    private final TreeMap<String, String> labels = new TreeMap<>();
    private String image = "";
    private RuntimeInfo runtime = new RuntimeInfo("", null);
    private @Nullable Any spec;
    private String snapshotKey = "";
    private String snapshotter = "";
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;
    private final TreeMap<String, @Nullable Any> extensions = new TreeMap<>();
    private String sandboxId = "";
    private long revision;

    private Builder() {}

    private Builder(Container c) {
      id = c.id;
      labels.putAll(c.labels);
      image = c.image;
      runtime = c.runtime;
      spec = c.spec;
      snapshotKey = c.snapshotKey;
      snapshotter = c.snapshotter;
      createdAt = c.createdAt;
      updatedAt = c.updatedAt;
      extensions.putAll(c.extensions);
      sandboxId = c.sandboxId;
      revision = c.revision;
    }

    /** The id, unique within a namespace; required non-empty on write (null: {@code ""}). */
    public Builder id(@Nullable String id) {
      this.id = orEmpty(id);
      return this;
    }

    /** Replaces all labels. */
    public Builder labels(@Nullable Map<String, String> labels) {
      this.labels.clear();
      if (labels != null) {
        labels.forEach(this::label);
      }
      return this;
    }

    /** Sets one label; a value of {@code ""} (or null) means "no such label" on write. */
    public Builder label(String key, @Nullable String value) {
      this.labels.put(requireKey("labels", key), orEmpty(value));
      return this;
    }

    /** Removes one label, if set. */
    public Builder removeLabel(String key) {
      this.labels.remove(key);
      return this;
    }

    /** The image reference, e.g. {@code docker.io/library/redis:7} (null: {@code ""}). */
    public Builder image(@Nullable String image) {
      this.image = orEmpty(image);
      return this;
    }

    /** The runtime; its name is required on write, and an update never changes it (null: none). */
    public Builder runtime(@Nullable RuntimeInfo runtime) {
      this.runtime = runtime == null ? new RuntimeInfo("", null) : runtime;
      return this;
    }

    /** Sets a runtime with this name and no options. */
    public Builder runtime(@Nullable String name) {
      return runtime(new RuntimeInfo(name, null));
    }

    /** The runtime spec, packed as containerd packs it; required on write (null: unset). */
    public Builder spec(@Nullable Any spec) {
      this.spec = spec;
      return this;
    }

    /**
     * Sets the spec to this OCI runtime spec JSON, packed as containerd packs it ({@link
     * OciSpecs#json(String)}).
     *
     * @throws InvalidArgumentException at once if {@code json} is not one JSON object
     */
    public Builder ociSpec(String json) {
      return spec(OciSpecs.json(json));
    }

    /** The key of the container's snapshot in its snapshotter (null: {@code ""}). */
    public Builder snapshotKey(@Nullable String snapshotKey) {
      this.snapshotKey = orEmpty(snapshotKey);
      return this;
    }

    /** The snapshotter that holds the container's root file system (null: {@code ""}). */
    public Builder snapshotter(@Nullable String snapshotter) {
      this.snapshotter = orEmpty(snapshotter);
      return this;
    }

    /** Ignored by stores on write; stores set it themselves. */
    public Builder createdAt(@Nullable Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /** Ignored by stores on write; stores set it themselves. */
    public Builder updatedAt(@Nullable Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** Replaces all extensions. */
    public Builder extensions(@Nullable Map<String, ? extends @Nullable Any> extensions) {
      this.extensions.clear();
      if (extensions != null) {
        extensions.forEach(this::extension);
      }
      return this;
    }

    /** Sets one extension. A null value is kept here and rejected by validation on write. */
    public Builder extension(String key, @Nullable Any value) {
      this.extensions.put(requireKey("extensions", key), value);
      return this;
    }

    /** Removes one extension, if set. */
    public Builder removeExtension(String key) {
      this.extensions.remove(key);
      return this;
    }

    /** The id of the sandbox the container runs in, if any (null: {@code ""}). */
    public Builder sandboxId(@Nullable String sandboxId) {
      this.sandboxId = orEmpty(sandboxId);
      return this;
    }

    /** Ignored by stores on write; stores that keep revisions set it themselves. */
    public Builder revision(long revision) {
      this.revision = revision;
      return this;
    }

    /** A container with the fields set so far; the builder can go on being used. */
    public Container build() {
      return new Container(this);
    }

    private static String orEmpty(@Nullable String s) {
      return s == null ? "" : s;
    }

    private static String requireKey(String field, @Nullable String key) {
      if (key == null) {
        throw new InvalidArgumentException(field + ": key must not be null");
      }
      return key;
    }
  }
}
