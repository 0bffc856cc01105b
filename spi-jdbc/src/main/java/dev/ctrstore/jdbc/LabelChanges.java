package dev.ctrstore.jdbc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The label rows to delete, rewrite and insert to turn a container's rows {@code before} into
 * {@code after}, applied in that order (see {@link LabelRows#apply}).
 */
record LabelChanges(SortedSet<LabelRow> removed, List<LabelChanges.Change> changed,
    SortedSet<LabelRow> added) {
  /** A row whose value hash changes, key hash kept. */
  record Change(LabelRow from, LabelRow to) {}

  static LabelChanges between(SortedSet<LabelRow> before, SortedSet<LabelRow> after) {
    SortedSet<LabelRow> removed = new TreeSet<>(before);
    removed.removeAll(after);
    SortedSet<LabelRow> added = new TreeSet<>(after);
    added.removeAll(before);
    // A label whose value changed is one row out and one in under the same key hash: rewrite
    // that row (one UPDATE, batched with the others) rather than delete it and insert another.
    // Only where the key hash is unambiguous on both sides (two keys of one container may share
    // a hash); any other row is deleted or inserted.
    Map<Long, LabelRow> out = single(removed);
    Map<Long, LabelRow> in = single(added);
    List<Change> changed = new ArrayList<>();
    for (Map.Entry<Long, LabelRow> e : out.entrySet()) {
      LabelRow to = in.get(e.getKey());
      if (to != null) {
        changed.add(new Change(e.getValue(), to));
        removed.remove(e.getValue());
        added.remove(to);
      }
    }
    return new LabelChanges(removed, changed, added);
  }

  /** The rows of {@code rows} by key hash (in their order), for the key hashes that occur once. */
  private static Map<Long, LabelRow> single(SortedSet<LabelRow> rows) {
    Map<Long, LabelRow> byKey = new LinkedHashMap<>();
    Set<Long> repeated = new HashSet<>();
    for (LabelRow r : rows) {
      if (byKey.putIfAbsent(r.key(), r) != null) {
        repeated.add(r.key());
      }
    }
    byKey.keySet().removeAll(repeated);
    return byKey;
  }
}
