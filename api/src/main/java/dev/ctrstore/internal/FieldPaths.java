package dev.ctrstore.internal;

import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import java.util.List;

/**
 * containerd's field-path update rules (docs/semantics.md §7) with ctrstore's decisions D-2 and D-3 (§13.1): the one
 * function every backend uses to merge an update into the stored record.
 */
public final class FieldPaths {
  /** The paths a full update (no paths) applies, in containerd's order. */
  public static final List<String> DEFAULT_PATHS =
      List.of("labels", "spec", "extensions", "image", "snapshotkey");

  private static final String LABELS = "labels.";
  private static final String EXTENSIONS = "extensions.";

  private FieldPaths() {}

  /**
   * The record {@code stored} becomes when {@code input} is applied along {@code paths}. With no
   * paths, first requires the runtime name and snapshotter to be unchanged, then applies
   * {@link #DEFAULT_PATHS}. Fields not named keep their stored values; id, runtime, snapshotter,
   * sandbox id and timestamps never change. The result is not yet validated, and may still hold
   * empty-valued labels.
   *
   * @throws InvalidArgumentException for an immutable field changed or an unsupported path
   */
  public static Container merge(Container stored, Container input, List<String> paths) {
    String who = "container " + Text.quote(stored.id()) + ": ";
    if (paths.isEmpty()) {
      if (!input.snapshotter().equals(stored.snapshotter())) {
        throw new InvalidArgumentException(who + "field \"snapshotter\" is immutable: stored "
            + Text.quote(stored.snapshotter()) + ", given " + Text.quote(input.snapshotter()));
      }
      if (!input.runtime().name().equals(stored.runtime().name())) {
        throw new InvalidArgumentException(who + "field \"runtime.name\" is immutable: stored "
            + Text.quote(stored.runtime().name()) + ", given "
            + Text.quote(input.runtime().name()));
      }
      paths = DEFAULT_PATHS;
    }
    Container.Builder b = stored.toBuilder();
    for (String path : paths) {
      if (path == null) {
        throw new InvalidArgumentException(who + "field path must not be null");
      }
      switch (path) {
        case "labels" -> b.labels(input.labels());
        case "extensions" -> b.extensions(input.extensions());
        case "spec" -> b.spec(input.spec());
        case "image" -> b.image(input.image());
        case "snapshotkey" -> b.snapshotKey(input.snapshotKey());
        default -> {
          if (path.startsWith(LABELS)) {
            String key = path.substring(LABELS.length());
            String value = input.labels().get(key);
            if (key.isEmpty() && (value == null || value.isEmpty())) {
              // containerd's validation passes {"": ""} and its writer drops it: a no-op (§7.3).
              b.removeLabel(key);
            } else {
              // containerd sets labels[k] = input[k], empty when absent, and validates the
              // merged record: a key over 4096 bytes fails even when the update deletes it.
              // normalize drops the empty value afterwards.
              b.label(key, value);
            }
          } else if (path.startsWith(EXTENSIONS)) {
            String key = path.substring(EXTENSIONS.length());
            if (key.isEmpty()) {
              throw new InvalidArgumentException(who + "cannot update \"" + path
                  + "\": extension key must not be empty");
            }
            if (input.extensions().containsKey(key)) {
              b.extension(key, input.extensions().get(key));
            } else {
              b.removeExtension(key);
            }
          } else {
            throw new InvalidArgumentException(
                "cannot update " + Text.quote(path) + " field on " + Text.quote(stored.id()));
          }
        }
      }
    }
    return b.build();
  }

  /**
   * {@code c} as it is stored: labels with an empty value removed (containerd's writer drops
   * them; {@code labels.<k>} with an empty value therefore deletes the label).
   */
  public static Container normalize(Container c) {
    if (!c.labels().containsValue("")) {
      return c;
    }
    Container.Builder b = c.toBuilder().labels(null);
    c.labels().forEach((k, v) -> {
      if (!v.isEmpty()) {
        b.label(k, v);
      }
    });
    return b.build();
  }

}
