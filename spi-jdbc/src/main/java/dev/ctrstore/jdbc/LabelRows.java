package dev.ctrstore.jdbc;

import java.util.Collection;
import java.util.List;

/**
 * The statements on one container's {@code ctr_label} rows, each kind one batch (one round trip
 * on MySQL with {@code rewriteBatchedStatements}); an empty kind runs no statement.
 */
final class LabelRows {
  private LabelRows() {}

  /** Inserts {@code rows}, which are distinct (see {@link LabelRow#of(java.util.Map)}) and in key order. */
  static void insert(Session h, byte[] ns, byte[] id, Collection<LabelRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try (Call b = Call.of(h, Sql.INSERT_LABEL)) {
      for (LabelRow r : rows) {
        b.bytes("ns", ns).bytes("id", id).bytes("key_hash", r.keyHash())
            .bytes("value_hash", r.valueHash()).add();
      }
      b.batch();
    }
  }

  static void delete(Session h, byte[] ns, byte[] id, Collection<LabelRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try (Call b = Call.of(h, Sql.DELETE_LABEL)) {
      for (LabelRow r : rows) {
        b.bytes("ns", ns).bytes("id", id).bytes("key_hash", r.keyHash())
            .bytes("value_hash", r.valueHash()).add();
      }
      b.batch();
    }
  }

  /** Turns the container's rows into the new ones: deletes, then rewrites, then inserts. */
  static void apply(Session h, byte[] ns, byte[] id, LabelChanges changes) {
    delete(h, ns, id, changes.removed());
    rewrite(h, ns, id, changes.changed());
    insert(h, ns, id, changes.added());
  }

  private static void rewrite(Session h, byte[] ns, byte[] id, List<LabelChanges.Change> changed) {
    if (changed.isEmpty()) {
      return;
    }
    try (Call b = Call.of(h, Sql.UPDATE_LABEL)) {
      for (LabelChanges.Change c : changed) {
        b.bytes("ns", ns).bytes("id", id).bytes("key_hash", c.from().keyHash())
            .bytes("old_value_hash", c.from().valueHash())
            .bytes("value_hash", c.to().valueHash()).add();
      }
      b.batch();
    }
  }
}
