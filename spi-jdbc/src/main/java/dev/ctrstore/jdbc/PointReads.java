package dev.ctrstore.jdbc;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * {@code get} by primary key: one SELECT in autocommit mode, with no transaction to begin, set
 * the isolation of and commit, so one round trip instead of several. A single statement reads one
 * consistent state on H2 and InnoDB alike.
 */
final class PointReads {
  private final Errors errors;
  private final Database db;
  private final Deadlines deadlines;
  // SQLite only: the driver prepares each statement afresh otherwise (a third of a get's native
  // time went to sqlite3_prepare, JFR).
  private final @Nullable StatementCache statements;

  PointReads(Errors errors, Database db, Deadlines deadlines) {
    this.errors = errors;
    this.db = db;
    this.deadlines = deadlines;
    this.statements = deadlines.statements();
  }

  @Nullable Container get(Context ctx, String namespace, String id) {
    if (ctx.deadline() == null) {
      return direct(ctx, namespace, id);
    }
    String what = Errors.describe("read", namespace);
    try (Handle h = deadlines.open(ctx, what)) {
      return new ContainerReads(Session.of(h), namespace).get(id);
    } catch (RuntimeException e) {
      throw Errors.fromDatabase(e) ? errors.map(e, what, ctx) : e;
    }
  }

  /**
   * When there is no deadline to enforce: no JDBI handle, just a pooled connection and one
   * prepared statement (whose parse the driver caches). A point read is the hottest call, and
   * the handle's setup cost more than the query itself on embedded H2.
   */
  private @Nullable Container direct(Context ctx, String namespace, String id) {
    try (Connection c = db.borrow()) {
      return new ContainerReads(Session.on(c, statements), namespace).get(id);
    } catch (SQLException | RuntimeException e) {
      throw errors.map(e, Errors.describe("read", namespace), ctx);
    }
  }
}
