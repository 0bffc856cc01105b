package dev.ctrstore.internal;

import dev.ctrstore.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Which fields of two containers differ, named as field paths ({@code labels.app}, {@code spec}). */
public final class Differences {
  private Differences() {}

  /** The differing fields of {@code a} and {@code b}, in the container's field order. */
  public static List<String> fields(Container a, Container b) {
    List<String> out = new ArrayList<>();
    if (!a.id().equals(b.id())) {
      out.add("id");
    }
    keys("labels", a.labels(), b.labels(), out);
    if (!a.image().equals(b.image())) {
      out.add("image");
    }
    if (!a.runtime().name().equals(b.runtime().name())) {
      out.add("runtime.name");
    }
    if (!Objects.equals(a.runtime().options(), b.runtime().options())) {
      out.add("runtime.options");
    }
    if (!Objects.equals(a.spec(), b.spec())) {
      out.add("spec");
    }
    if (!a.snapshotter().equals(b.snapshotter())) {
      out.add("snapshotter");
    }
    if (!a.snapshotKey().equals(b.snapshotKey())) {
      out.add("snapshotKey");
    }
    if (!Objects.equals(a.createdAt(), b.createdAt())) {
      out.add("createdAt");
    }
    if (!Objects.equals(a.updatedAt(), b.updatedAt())) {
      out.add("updatedAt");
    }
    keys("extensions", a.extensions(), b.extensions(), out);
    if (!a.sandboxId().equals(b.sandboxId())) {
      out.add("sandboxId");
    }
    return out;
  }

  private static void keys(String field, Map<String, ?> a, Map<String, ?> b, List<String> out) {
    if (a.equals(b)) {
      return;
    }
    TreeSet<String> all = new TreeSet<>(a.keySet());
    all.addAll(b.keySet());
    for (String k : all) {
      if (!Objects.equals(a.get(k), b.get(k))) {
        out.add(field + "." + k);
      }
    }
  }
}
