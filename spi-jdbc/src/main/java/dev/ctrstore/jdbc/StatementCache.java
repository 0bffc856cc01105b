package dev.ctrstore.jdbc;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * Prepared statements kept per SQLite connection across borrows: for the store's JDBI handles,
 * its plain-JDBC statements ({@link Call}) and its point reads ({@link PointReads}).
 * sqlite-jdbc has no statement cache of its own, so every statement of every write was compiled
 * afresh by {@code sqlite3_prepare} (JFR: a tenth of a write's native time, its wide inserts of
 * 19 columns the most). The MySQL dialect turns on Connector/J's own cache. H2 finds a compiled
 * query in its session's cache but builds a statement object per prepare; keeping its statements
 * here made a {@code get} about 5% faster, but under load its file no longer shrank when the
 * store closed ({@code H2FileDisciplineTest}: 60 MB instead of under 40 MB, not seen without
 * them), so H2 does without.
 *
 * <ul>
 *   <li>Statements are prepared on the driver's connection, not the pool's proxy, which would
 *       close them when the connection goes back; keys are weak, so a connection the pool
 *       retires takes its statements with it.
 *   <li>A connection is used by one thread at a time, and so are its statements. A statement
 *       still in use (a stream open while the same SQL runs again on the connection) is not
 *       handed out twice: the second gets a statement of its own, closed after use.
 *   <li>At most {@value #PER_CONNECTION} statements per connection, least recently used evicted
 *       and closed: list filters generate SQL, so their texts are not a fixed set.
 *   <li>On return a statement's parameters, batch and query timeout are cleared, so nothing of
 *       one call (a deadline) carries into the next. SQLite re-prepares a statement itself when
 *       the schema changed under it.
 * </ul>
 */
final class StatementCache implements StatementBuilder {
  static final int PER_CONNECTION = 64;

  private final StatementBuilder plain = new DefaultStatementBuilder();
  private final Map<Connection, Map<String, Held>> byConnection =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static final class Held {
    final PreparedStatement statement;
    boolean inUse;

    Held(PreparedStatement statement) {
      this.statement = statement;
    }
  }

  @Override
  public Statement create(Connection conn, StatementContext ctx) throws SQLException {
    return plain.create(conn, ctx);
  }

  @Override
  public PreparedStatement create(Connection conn, String sql, StatementContext ctx)
      throws SQLException {
    if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
      return plain.create(conn, sql, ctx);
    }
    return take(conn, sql);
  }

  @Override
  public CallableStatement createCall(Connection conn, String sql, StatementContext ctx)
      throws SQLException {
    return plain.createCall(conn, sql, ctx);
  }

  /**
   * JDBI hands back the statement with its SQL as written (named parameters), not as prepared,
   * so the statement is found by identity.
   */
  @Override
  public void close(Connection conn, String sql, Statement stmt) throws SQLException {
    give(conn, stmt);
  }

  /** {@code sql} from {@code kept} if there is one, else prepared afresh; end its use with {@link #release}. */
  static PreparedStatement prepare(@Nullable StatementCache kept, Connection conn, String sql)
      throws SQLException {
    return kept != null ? kept.take(conn, sql) : conn.prepareStatement(sql);
  }

  /** Ends a use of {@code stmt}: given back to {@code kept} if there is one, else closed. */
  static void release(@Nullable StatementCache kept, Connection conn, Statement stmt)
      throws SQLException {
    if (kept != null) {
      kept.give(conn, stmt);
    } else {
      stmt.close();
    }
  }

  /** The connection's statement for {@code sql} (positional parameters), for one use. */
  PreparedStatement take(Connection conn, String sql) throws SQLException {
    Connection raw = conn.unwrap(Connection.class);
    Map<String, Held> cache = cacheOf(raw);
    Held held = cache.get(sql);
    if (held != null && held.statement.isClosed()) {
      cache.remove(sql);
      held = null;
    }
    if (held == null) {
      held = new Held(raw.prepareStatement(sql));
      cache.put(sql, held);
    } else if (held.inUse) {
      return raw.prepareStatement(sql);
    }
    held.inUse = true;
    return held.statement;
  }

  /** Ends a use of a statement from {@link #take}: kept, cleaned, if cached; else closed. */
  void give(Connection conn, Statement stmt) throws SQLException {
    Map<String, Held> cache = byConnection.get(conn.unwrap(Connection.class));
    Map.Entry<String, Held> entry = null;
    if (cache != null) {
      for (Map.Entry<String, Held> e : cache.entrySet()) {
        if (e.getValue().statement == stmt) {
          entry = e;
          break;
        }
      }
    }
    if (entry == null) {
      stmt.close();
      return;
    }
    Held held = entry.getValue();
    held.inUse = false;
    try {
      held.statement.clearParameters();
      held.statement.clearBatch();
      if (held.statement.getQueryTimeout() != 0) {
        held.statement.setQueryTimeout(0);
      }
    } catch (SQLException e) {
      cache.remove(entry.getKey());
      held.statement.close();
      throw e;
    }
  }

  private Map<String, Held> cacheOf(Connection raw) {
    return byConnection.computeIfAbsent(raw, c -> new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
        if (size() <= PER_CONNECTION || eldest.getValue().inUse) {
          return false;
        }
        closeQuietly(eldest.getValue().statement);
        return true;
      }
    });
  }

  private static void closeQuietly(@Nullable Statement s) {
    try {
      if (s != null) {
        s.close();
      }
    } catch (SQLException e) {
      // closing an evicted statement: the connection finalizes it when it closes anyway
    }
  }
}
