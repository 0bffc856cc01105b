package dev.ctrstore.jdbc;

import java.sql.Connection;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jspecify.annotations.Nullable;

/**
 * One transaction's connection as its statements ({@link Call}) use it: the connection, the
 * statements kept for it (SQLite) and the deadline's statement timeouts. A JDBI handle is opened
 * on the same connection only when a statement needs one (a filtered list inside a write):
 * opening one copies JDBI's whole configuration, a tenth of a SQLite write's own CPU, and a
 * plain create, update or delete needs none.
 */
final class Session implements AutoCloseable {
  final Connection connection;
  final @Nullable StatementCache statements;
  final @Nullable StatementCustomizer deadline;
  /** The group commit's revision counters, when the session writes in one. */
  final @Nullable GroupCounters counters;
  private final @Nullable Supplier<Handle> opener;
  private @Nullable Handle handle;

  private Session(Connection connection, @Nullable StatementCache statements,
      @Nullable StatementCustomizer deadline, @Nullable GroupCounters counters,
      @Nullable Handle handle, @Nullable Supplier<Handle> opener) {
    this.connection = connection;
    this.statements = statements;
    this.deadline = deadline;
    this.counters = counters;
    this.handle = handle;
    this.opener = opener;
  }

  /** The session of an open handle, which the caller keeps and closes. */
  static Session of(Handle h) {
    SqlStatements config = h.getConfig(SqlStatements.class);
    return new Session(h.getConnection(),
        config.getAttribute(Call.STATEMENTS) instanceof StatementCache s ? s : null,
        config.getAttribute(Call.DEADLINE) instanceof StatementCustomizer d ? d : null, null, h,
        null);
  }

  /**
   * A session on {@code connection}, which the caller holds, for statements that need neither a
   * deadline nor a handle (a point read, the group commit's counter rows).
   */
  static Session on(Connection connection, @Nullable StatementCache statements) {
    return new Session(connection, statements, null, null, null, null);
  }

  /**
   * A session on {@code connection}, which the caller holds, writing in a group commit that
   * keeps {@code counters}; {@code opener} opens a handle on the same connection, with the same
   * timeouts, if one is needed ({@link #close} closes it).
   */
  static Session held(Connection connection, @Nullable StatementCache statements,
      @Nullable StatementCustomizer deadline, GroupCounters counters, Supplier<Handle> opener) {
    return new Session(connection, statements, deadline, counters, null, opener);
  }

  /** A JDBI handle on this session's connection. */
  Handle handle() {
    Handle h = handle;
    if (h == null) {
      if (opener == null) {
        throw new IllegalStateException("this session has no JDBI handle to open");
      }
      h = opener.get();
      handle = h;
    }
    return h;
  }

  /** Closes the handle this session opened, if any; never the connection. */
  @Override
  public void close() {
    Handle h = handle;
    if (opener != null && h != null) {
      handle = null;
      h.close();
    }
  }
}
