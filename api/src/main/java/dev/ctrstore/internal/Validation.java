package dev.ctrstore.internal;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * containerd's container validation (docs/semantics.md §3) with ctrstore's decisions D-4, D-5 and D-12 (§13.1),
 * shared by every backend. Runs on the input of a create and on the merged record of an update,
 * in containerd's order: id, extension keys, labels, runtime name, spec, snapshot rule; the first
 * failure is reported. Maps are visited in key order, so the entry named is deterministic.
 */
public final class Validation {
  /** The largest label, key and value together, in UTF-8 bytes. */
  public static final int MAX_LABEL_BYTES = 4096;
  /** The longest extension key, in UTF-8 bytes (containerd's storage limit). */
  public static final int MAX_EXTENSION_KEY_BYTES = 32768;

  private Validation() {}

  /** Checks a container before it is written. */
  public static void validate(Container c) {
    Identifiers.validate("container id", c.id());
    String who = "container " + Text.quote(c.id()) + ": ";

    for (Map.Entry<String, @Nullable Any> e : c.extensions().entrySet()) {
      String key = e.getKey();
      if (key.isEmpty()) {
        throw new InvalidArgumentException(who + "extension key must not be empty");
      }
      requireWellFormed(who, "extension key", key);
      int bytes = Text.utf8Length(key);
      if (bytes > MAX_EXTENSION_KEY_BYTES) {
        throw new InvalidArgumentException(who + "extension key " + Text.quote(key)
            + " exceeds " + MAX_EXTENSION_KEY_BYTES + " bytes (" + bytes + ")");
      }
      if (e.getValue() == null) {
        throw new InvalidArgumentException(who + "extension " + Text.quote(key)
            + ": value must not be null");
      }
      requireWellFormedAny(who, "extension " + Text.quote(key), e.getValue());
    }

    for (Map.Entry<String, String> e : c.labels().entrySet()) {
      String key = e.getKey();
      if (key.isEmpty()) {
        throw new InvalidArgumentException(who + "label key must not be empty");
      }
      int bytes = Text.utf8Length(key) + Text.utf8Length(e.getValue());
      if (bytes > MAX_LABEL_BYTES) {
        throw new InvalidArgumentException(who + "label " + Text.quote(key)
            + ": key+value exceeds " + MAX_LABEL_BYTES + " bytes (" + bytes + ")");
      }
      requireWellFormed(who, "label key", key);
      requireWellFormed(who, "label " + Text.quote(key) + " value", e.getValue());
    }

    if (c.runtime().name().isEmpty()) {
      throw new InvalidArgumentException(who + "runtime name must be set");
    }
    requireWellFormed(who, "runtime name", c.runtime().name());
    if (c.runtime().options() != null) {
      requireWellFormedAny(who, "runtime options", c.runtime().options());
    }

    if (c.spec() == null) {
      throw new InvalidArgumentException(who + "spec must be set");
    }
    requireWellFormedAny(who, "spec", c.spec());

    if (!c.snapshotKey().isEmpty() && c.snapshotter().isEmpty()) {
      throw new InvalidArgumentException(who + "snapshot key " + Text.quote(c.snapshotKey())
          + " requires a snapshotter");
    }
    requireWellFormed(who, "image", c.image());
    requireWellFormed(who, "snapshotter", c.snapshotter());
    requireWellFormed(who, "snapshot key", c.snapshotKey());
    requireWellFormed(who, "sandbox id", c.sandboxId());
  }

  private static void requireWellFormedAny(String who, String field, Any any) {
    requireWellFormed(who, field + " type URL", any.getTypeUrl());
  }

  // D-12: a string that cannot be encoded as UTF-8 could not be read back as given.
  private static void requireWellFormed(String who, String field, String value) {
    if (!Text.isWellFormed(value)) {
      throw new InvalidArgumentException(who + field + " " + Text.quote(value)
          + ": is not valid Unicode (unpaired surrogate)");
    }
  }
}
