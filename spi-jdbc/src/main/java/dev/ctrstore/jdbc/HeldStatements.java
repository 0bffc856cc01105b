package dev.ctrstore.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One prepared statement per pooled SQLite connection, kept across borrows. sqlite-jdbc has no
 * statement cache, so a point read prepared its {@code SELECT} afresh each time: a third of a
 * {@code get}'s native time went to {@code sqlite3_prepare} (JFR), and {@code get} ran at 0.46×
 * a raw lookup reusing its statement. (H2 caches parsed statements per session and the
 * MySQL dialect turns on Connector/J's cache, so they do not need this.)
 *
 * <p>The statement is prepared on the driver's connection, not the pool's proxy, which would
 * close it when the connection goes back. A connection is used by one thread at a time, and so
 * is its statement. Keys are weak: a connection the pool retires takes its statement with it.
 * SQLite re-prepares a statement itself when the schema changed under it.
 */
final class HeldStatements {
  private final String sql;
  private final Map<Connection, PreparedStatement> byConnection =
      Collections.synchronizedMap(new WeakHashMap<>());

  HeldStatements(String sql) {
    this.sql = sql;
  }

  /** The statement of {@code pooled}'s driver connection; not to be closed by the caller. */
  PreparedStatement on(Connection pooled) throws SQLException {
    Connection raw = pooled.unwrap(Connection.class);
    PreparedStatement ps = byConnection.get(raw);
    if (ps == null || ps.isClosed()) {
      ps = raw.prepareStatement(sql);
      byConnection.put(raw, ps);
    }
    return ps;
  }
}
