package dev.ctrstore.jdbc;


/**
 * The per-namespace revision counter ({@code ctr_revision}): one row per namespace, incremented
 * by each write transaction (by the size of its batch for a bulk move's, less what the batch
 * gives back) and locked by it until commit, so the writes of a namespace take revisions one at
 * a time, commit in revision order and leave no gaps (a rollback takes its increment back).
 * Nothing relies on AUTO_INCREMENT or on clocks, so the order holds on Galera too, where two
 * nodes incrementing one row concurrently conflict at certification and the loser runs again
 * ({@link Retries}).
 *
 * <p>Lock order: counter, then rows. Every write (create, update, delete, a bulk move's batch)
 * takes the counter before it reads, locks or inserts a container row, so a writer that holds a
 * row of the namespace always holds its counter too, and no two writes of one namespace wait on
 * each other in a cycle. A create needs no read of its id first: its insert meets a taken id as
 * a duplicate key, and the rollback that follows takes the increment back.
 *
 * <p>In a SQLite group commit the file's write lock stands in for the row lock: the group's
 * first write of a namespace increments the row, its later ones count on in memory, and the
 * row is set once before the commit ({@link GroupCounters}).
 */
final class Revisions {
  private Revisions() {}

  /** The namespace's latest committed revision as this transaction sees it; 0 if never written. */
  static long current(Session h, byte[] ns) {
    Long inGroup = h.counters == null ? null : h.counters.current(ns);
    if (inGroup != null) {
      return inGroup;
    }
    try (Call c = Call.of(h, Sql.REVISION)) {
      Long r = c.bytes("ns", ns).first(rs -> rs.getLong(1));
      return r == null ? 0 : r;
    }
  }

  /**
   * Takes the namespace's next {@code count} revisions, locking its counter row until the
   * transaction ends; returns the last of them (the counter's new value).
   */
  static long next(Session h, byte[] ns, Dialect dialect, Errors errors, int count) {
    GroupCounters group = h.counters;
    if (group == null) {
      return fromCounterRow(h, ns, dialect, errors, count);
    }
    Long taken = group.take(ns, count);
    if (taken != null) {
      return taken;
    }
    long next = fromCounterRow(h, ns, dialect, errors, count);
    group.read(ns, next);
    return next;
  }

  /** {@link #next} by incrementing the counter row. */
  private static long fromCounterRow(Session h, byte[] ns, Dialect dialect, Errors errors,
      int count) {
    if (dialect == Dialect.MYSQL) {
      // One round trip: the new value is the statement's insert id (LAST_INSERT_ID(expr)).
      try (Call c = Call.returningKeys(h, Sql.NEXT_REVISION_MYSQL)) {
        c.bytes("ns", ns).number("count", count).update();
        Long id = c.generatedKey();
        if (id != null && id > 0) {
          return id;
        }
      }
      return current(h, ns);
    }
    String sql = dialect == Dialect.SQLITE ? Sql.NEXT_REVISION_SQLITE : Sql.NEXT_REVISION_H2;
    for (int attempt = 0; ; attempt++) {
      Long next;
      try (Call c = Call.of(h, sql)) {
        next = c.bytes("ns", ns).number("count", count).first(rs -> rs.getLong(1));
      }
      if (next != null) {
        return next;
      }
      if (dialect == Dialect.SQLITE) {
        throw new IllegalStateException("the counter upsert returned no row");
      }
      try (Call c = Call.of(h, Sql.FIRST_REVISION)) {
        c.bytes("ns", ns).number("count", count).update();
        return count;
      } catch (Transactions.SqlFailure e) {
        // Another transaction wrote the namespace's first revision meanwhile: increment it.
        if (!errors.isDuplicateKey(e) || attempt > 0) {
          throw e;
        }
      }
    }
  }

  /**
   * Gives back the last {@code count} revisions this transaction took with {@link #next} (whose
   * lock it still holds), so a batch that wrote fewer containers than it took revisions for
   * leaves no gap.
   */
  static void giveBack(Session h, byte[] ns, int count) {
    if (h.counters != null && h.counters.giveBack(ns, count)) {
      return;
    }
    int n;
    try (Call c = Call.of(h, Sql.GIVE_BACK_REVISIONS)) {
      n = c.bytes("ns", ns).number("count", count).update();
    }
    if (n != 1) {
      throw new IllegalStateException("no revision counter to give revisions back to");
    }
  }
}
