package dev.ctrstore.jdbc;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The revision counters of the namespaces one SQLite group commit writes ({@link GroupCommit}).
 * The group's transaction holds the file's write lock from its first write to its commit, so no
 * other connection or process can move a counter meanwhile: the first write of a namespace takes
 * its revision from {@code ctr_revision} as any write does (and locks nothing new), the group's
 * later writes count on from there in memory, and the counter row is set once, just before the
 * group commits ({@link #flush}). A group of eight writes runs two counter statements instead of
 * eight (the upsert was a fifth of a write's work inside the group in a profile).
 *
 * <p>A write that fails rolls back to its savepoint, which undoes whatever it did to the counter
 * row; {@link #mark} and {@link #reset} undo what it took here. Used by one thread at a time
 * (the group's lock holder).
 */
final class GroupCounters {
  /** The counter row's value in the transaction and the last revision handed out. */
  private static final class Counter {
    long stored;
    long taken;

    Counter(long stored, long taken) {
      this.stored = stored;
      this.taken = taken;
    }
  }

  private final Map<ByteBuffer, Counter> byNamespace = new HashMap<>();

  /**
   * Takes the namespace's next {@code count} revisions if this group has already read its
   * counter; returns the last of them, or null if the caller must take them from the database
   * (and then report the result with {@link #read}).
   */
  @Nullable Long take(byte[] ns, int count) {
    Counter c = byNamespace.get(ByteBuffer.wrap(ns));
    if (c == null) {
      return null;
    }
    c.taken += count;
    return c.taken;
  }

  /** The counter row of {@code ns} now holds {@code value}, which this group has handed out. */
  void read(byte[] ns, long value) {
    byNamespace.put(ByteBuffer.wrap(ns.clone()), new Counter(value, value));
  }

  /** The last revision this group handed out in {@code ns}, or null if it wrote none there. */
  @Nullable Long current(byte[] ns) {
    Counter c = byNamespace.get(ByteBuffer.wrap(ns));
    return c == null ? null : c.taken;
  }

  /** Gives back the last {@code count} revisions taken in {@code ns}; false if none were taken here. */
  boolean giveBack(byte[] ns, int count) {
    Counter c = byNamespace.get(ByteBuffer.wrap(ns));
    if (c == null) {
      return false;
    }
    c.taken -= count;
    return true;
  }

  /** The state before a write, for {@link #reset} if it fails. */
  Map<ByteBuffer, long[]> mark() {
    Map<ByteBuffer, long[]> m = new HashMap<>(byNamespace.size() * 2);
    byNamespace.forEach((ns, c) -> m.put(ns, new long[] {c.stored, c.taken}));
    return m;
  }

  /** Back to {@code mark}: a failed write's revisions, and its reading of a counter, undone. */
  void reset(Map<ByteBuffer, long[]> mark) {
    byNamespace.clear();
    mark.forEach((ns, v) -> byNamespace.put(ns, new Counter(v[0], v[1])));
  }

  /** Sets each counter row this group moved past its stored value; before the commit. */
  void flush(Session s) {
    for (Map.Entry<ByteBuffer, Counter> e : byNamespace.entrySet()) {
      Counter counter = e.getValue();
      if (counter.taken == counter.stored) {
        continue;
      }
      try (Call c = Call.of(s, Sql.SET_REVISION)) {
        if (c.bytes("ns", e.getKey().array()).number("revision", counter.taken).update() != 1) {
          throw new IllegalStateException("the revision counter to set is missing");
        }
      }
      counter.stored = counter.taken;
    }
  }
}
