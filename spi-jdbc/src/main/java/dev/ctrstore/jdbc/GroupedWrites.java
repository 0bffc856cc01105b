package dev.ctrstore.jdbc;

import dev.ctrstore.Container;
import dev.ctrstore.Event;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * MySQL/MariaDB: the statements of one write sent as one multi-statement text, one round trip
 * instead of one per statement (Connector/J {@code allowMultiQueries}, which the dialect turns on;
 * see {@link Database#multiStatements()}). Every value is still bound: the driver substitutes the
 * parameters of a client-side prepared statement into the text, as it does for every statement
 * of this backend. The server runs the statements in order and stops at the first that fails, and
 * the driver then throws; what ran before stays in the transaction, which the caller rolls back.
 *
 * <p>A write at the next revision ({@link #atNextRevision}) keeps the backend's lock order,
 * container row, then counter ({@link Revisions}): a create inserts its row first (with revision
 * 0: a taken id fails there, before the counter, and waits for nothing but that row), then takes
 * the counter ({@code LAST_INSERT_ID(revision + 1)}, which leaves the new value in the session),
 * then writes that value into its row with an UPDATE. The event row (copied from the container
 * row by the server), the label rows and a final {@code SELECT LAST_INSERT_ID()}, which returns
 * the revision, follow in the same text. So the create needs no read of its id, and a create,
 * update or delete costs one round trip between {@code START TRANSACTION} and {@code COMMIT}
 * besides an update's or delete's locking read. The counter stays locked until the commit, as
 * with one statement at a time, so the order and the absence of gaps are {@link Revisions}'.
 */
final class GroupedWrites {
  private GroupedWrites() {}

  /** The counter's new value, left in the session by {@link Sql#NEXT_REVISION_MYSQL}. */
  private static final String TAKEN = "LAST_INSERT_ID()";

  private static final String SET_REVISION = "UPDATE ctr_container SET revision = " + TAKEN
      + " WHERE ns = :ns AND id = :id";

  private static final String UPDATE_AT_TAKEN =
      Sql.UPDATE.replace("revision = :revision", "revision = " + TAKEN);

  /**
   * The event, copied from the container row in the server rather than sent again: a write's text
   * carries the container once, as each statement did alone (so the largest container still fits
   * in one packet, {@code max_allowed_packet}). The row holds the revision taken (a create or
   * update: written just before) or the one it was stored with (a delete: copied before it goes).
   */
  private static final String EVENT_FROM_ROW = "INSERT INTO ctr_event (ns, revision, type, id,"
      + " image, runtime_name, runtime_options_type_url, runtime_options_value, spec_type_url,"
      + " spec_value, snapshotter, snapshot_key, sandbox_id, labels, extensions, created_at,"
      + " updated_at, container_revision, appended_at) SELECT c.ns, " + TAKEN + ", :type, c.id,"
      + " c.image, c.runtime_name, c.runtime_options_type_url, c.runtime_options_value,"
      + " c.spec_type_url, c.spec_value, c.snapshotter, c.snapshot_key, c.sandbox_id, c.labels,"
      + " c.extensions, c.created_at, c.updated_at, c.revision, :appended_at"
      + " FROM ctr_container c WHERE c.ns = :ns AND c.id = :id";

  private static final String SELECT_TAKEN = "SELECT " + TAKEN;

  /**
   * {@code event}'s write at the namespace's next revision, in one round trip (see the class
   * comment); returns the revision, or 0 if a create found its id taken (then the transaction
   * holds only the failed insert, and the caller rolls it back).
   */
  static long atNextRevision(Handle h, byte[] ns, Errors errors, @Nullable Container previous,
      Event event) {
    Container c = event.container();
    byte[] id = Codec.utf8(c.id());
    Text t = new Text();
    // Where the container row's statement and the event's are in the text (update counts).
    int row;
    int ev;
    switch (event.type()) {
      case CREATED -> {
        t.add(Sql.INSERT).add(Sql.NEXT_REVISION_MYSQL).add(SET_REVISION).add(EVENT_FROM_ROW);
        row = 2;
        ev = 3;
        t.labels(LabelChanges.between(new TreeSet<>(), LabelRow.of(c.labels())));
      }
      case UPDATED -> {
        if (previous == null) {
          throw new IllegalArgumentException("an update needs the previous version");
        }
        t.add(Sql.NEXT_REVISION_MYSQL).add(UPDATE_AT_TAKEN).add(EVENT_FROM_ROW);
        row = 1;
        ev = 2;
        t.labels(LabelChanges.between(LabelRow.of(previous.labels()), LabelRow.of(c.labels())));
      }
      case DELETED -> {
        t.add(Sql.NEXT_REVISION_MYSQL).add(EVENT_FROM_ROW).add(Sql.DELETE);
        row = 2;
        ev = 1;
        t.labels(LabelChanges.between(LabelRow.of(c.labels()), new TreeSet<>()));
      }
      default -> throw new IllegalArgumentException("unknown event type " + event.type());
    }
    t.add(SELECT_TAKEN);
    Update up = (event.type() == Event.Type.DELETED
            ? h.createUpdate(t.sql()).bind("ns", ns).bind("id", id)
            : ContainerRows.bind(h.createUpdate(t.sql()), ns, c))
        .bind("count", 1)
        .bind("type", EventRows.code(event.type()))
        .bind("appended_at", System.currentTimeMillis());
    t.bindLabels(up, id);
    Results r;
    try {
      r = up.execute((statement, ctx) -> Results.of(statement.get()));
    } catch (RuntimeException e) {
      if (event.type() == Event.Type.CREATED && errors.isDuplicateKey(e)) {
        return 0; // the first statement, the insert: nothing else ran
      }
      throw e;
    }
    // An update's or delete's row was read and locked before: it is there.
    if (r.counts.get(row) != 1 || r.counts.get(ev) != 1) {
      throw new IllegalStateException("container " + c.id() + " vanished while locked");
    }
    return r.last;
  }

  /** A write without revisions: the container row and its label rows in one round trip. */
  static boolean insert(Handle h, byte[] ns, Errors errors, Container c) {
    Text t = new Text().add(Sql.INSERT);
    t.labels(LabelChanges.between(new TreeSet<>(), LabelRow.of(c.labels())));
    Update up = ContainerRows.bind(h.createUpdate(t.sql()), ns, c);
    t.bindLabels(up, Codec.utf8(c.id()));
    try {
      up.execute((statement, ctx) -> Results.of(statement.get()));
    } catch (RuntimeException e) {
      if (errors.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
    return true;
  }

  /** {@link #insert}'s counterpart for a replace without revisions. */
  static void replace(Handle h, byte[] ns, Container previous, Container next) {
    Text t = new Text().add(Sql.UPDATE);
    t.labels(LabelChanges.between(LabelRow.of(previous.labels()), LabelRow.of(next.labels())));
    Update up = ContainerRows.bind(h.createUpdate(t.sql()), ns, next);
    t.bindLabels(up, Codec.utf8(next.id()));
    Results r = up.execute((statement, ctx) -> Results.of(statement.get()));
    if (r.counts.get(0) != 1) {
      throw new IllegalStateException("container " + next.id() + " vanished while locked");
    }
  }

  /**
   * The statements' text and the label rows they name; label parameters are numbered ({@code
   * :lk0}, …) so that one text carries them all.
   */
  private static final class Text {
    private final StringBuilder sql = new StringBuilder();
    private final List<LabelRow> removed = new ArrayList<>();
    private final List<LabelChanges.Change> changed = new ArrayList<>();
    private final List<LabelRow> added = new ArrayList<>();

    Text add(String statement) {
      if (sql.length() > 0) {
        sql.append(";\n");
      }
      sql.append(statement);
      return this;
    }

    /** The statements turning the container's label rows into the new ones (see LabelRows#apply). */
    void labels(LabelChanges changes) {
      for (LabelRow r : changes.removed()) {
        int i = removed.size();
        add("DELETE FROM ctr_label WHERE ns = :ns AND id = :id AND key_hash = :dk" + i
            + " AND value_hash = :dv" + i);
        removed.add(r);
      }
      for (LabelChanges.Change ch : changes.changed()) {
        int i = changed.size();
        add("UPDATE ctr_label SET value_hash = :cv" + i + " WHERE ns = :ns AND id = :id"
            + " AND key_hash = :ck" + i + " AND value_hash = :co" + i);
        changed.add(ch);
      }
      if (!changes.added().isEmpty()) {
        StringBuilder ins = new StringBuilder(
            "INSERT INTO ctr_label (ns, key_hash, value_hash, id) VALUES ");
        for (LabelRow r : changes.added()) {
          int i = added.size();
          ins.append(i == 0 ? "" : ", ").append("(:ns, :ak").append(i).append(", :av").append(i)
              .append(", :id)");
          added.add(r);
        }
        add(ins.toString());
      }
    }

    void bindLabels(Update up, byte[] id) {
      for (int i = 0; i < removed.size(); i++) {
        up.bind("dk" + i, removed.get(i).keyHash()).bind("dv" + i, removed.get(i).valueHash());
      }
      for (int i = 0; i < changed.size(); i++) {
        LabelChanges.Change ch = changed.get(i);
        up.bind("ck" + i, ch.from().keyHash()).bind("co" + i, ch.from().valueHash())
            .bind("cv" + i, ch.to().valueHash());
      }
      for (int i = 0; i < added.size(); i++) {
        up.bind("ak" + i, added.get(i).keyHash()).bind("av" + i, added.get(i).valueHash());
      }
    }

    String sql() {
      return sql.toString();
    }
  }

  /** The update counts of a multi-statement text, in order, and the value its last SELECT read. */
  private record Results(List<Integer> counts, long last) {
    static Results of(PreparedStatement st) throws SQLException {
      List<Integer> counts = new ArrayList<>();
      long last = 0;
      while (true) {
        ResultSet rs = st.getResultSet();
        if (rs != null) {
          try (rs) {
            if (rs.next()) {
              last = rs.getLong(1);
            }
          }
        } else {
          int n = st.getUpdateCount();
          if (n == -1) {
            return new Results(counts, last);
          }
          counts.add(n);
        }
        st.getMoreResults();
      }
    }
  }
}
