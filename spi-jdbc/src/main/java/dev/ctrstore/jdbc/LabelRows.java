package dev.ctrstore.jdbc;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The statements on one container's {@code ctr_label} rows, each kind one batch (one round trip
 * on MySQL with {@code rewriteBatchedStatements}); an empty kind runs no statement.
 */
final class LabelRows {
  private LabelRows() {}

  /** Inserts {@code rows}, which are distinct (see {@link LabelRow#of(java.util.Map)}) and in key order. */
  static void insert(Handle h, byte[] ns, byte[] id, Collection<LabelRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    PreparedBatch b = h.prepareBatch(Sql.INSERT_LABEL);
    for (LabelRow r : rows) {
      b.bind("ns", ns).bind("id", id)
          .bind("key_hash", r.keyHash())
          .bind("value_hash", r.valueHash())
          .add();
    }
    b.execute();
  }

  static void delete(Handle h, byte[] ns, byte[] id, Collection<LabelRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    PreparedBatch b = h.prepareBatch(Sql.DELETE_LABEL);
    for (LabelRow r : rows) {
      b.bind("ns", ns).bind("id", id).bind("key_hash", r.keyHash())
          .bind("value_hash", r.valueHash()).add();
    }
    b.execute();
  }

  /** Turns the container's rows into the new ones: deletes, then rewrites, then inserts. */
  static void apply(Handle h, byte[] ns, byte[] id, LabelChanges changes) {
    delete(h, ns, id, changes.removed());
    rewrite(h, ns, id, changes.changed());
    insert(h, ns, id, changes.added());
  }

  private static void rewrite(Handle h, byte[] ns, byte[] id, List<LabelChanges.Change> changed) {
    if (changed.isEmpty()) {
      return;
    }
    PreparedBatch b = h.prepareBatch(Sql.UPDATE_LABEL);
    for (LabelChanges.Change c : changed) {
      b.bind("ns", ns).bind("id", id).bind("key_hash", c.from().keyHash())
          .bind("old_value_hash", c.from().valueHash())
          .bind("value_hash", c.to().valueHash()).add();
    }
    b.execute();
  }
}
