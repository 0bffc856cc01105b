package dev.ctrstore.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jspecify.annotations.Nullable;

/**
 * One statement of {@link Sql} run over plain JDBC on a {@link Session}'s connection: the write
 * path and its reads. JDBI resolves an argument factory for every bound value and a mapper for
 * every result afresh on each handle (their caches live in the handle's copy of the
 * configuration), which async-profiler put at half of a SQLite write's CPU time. Statements keep
 * their named parameters in {@link Sql}, parsed here once into positions.
 *
 * <p>What the session carries applies: the deadline's query timeout ({@link Deadlines} defines
 * {@link #DEADLINE} on a handle with a deadline) and on SQLite the per connection {@link
 * StatementCache} ({@link #STATEMENTS}). A failure is thrown as a {@link
 * Transactions.SqlFailure} holding the driver's {@link SQLException}, which {@link Errors} and
 * {@link Retries} read as they read JDBI's.
 */
final class Call implements AutoCloseable {
  /** The handle attribute holding the deadline's {@link StatementCustomizer}. */
  static final String DEADLINE = "ctrstore.deadline";
  /** The handle attribute holding the SQLite {@link StatementCache}. */
  static final String STATEMENTS = "ctrstore.statements";

  private static final Map<String, Named> PARSED = new ConcurrentHashMap<>();

  private final Connection conn;
  private final Named named;
  private final PreparedStatement ps;
  private final @Nullable StatementCache cache;
  private final @Nullable StatementCustomizer deadline;

  private Call(Connection conn, Named named, PreparedStatement ps,
      @Nullable StatementCache cache, @Nullable StatementCustomizer deadline) {
    this.conn = conn;
    this.named = named;
    this.ps = ps;
    this.cache = cache;
    this.deadline = deadline;
  }

  /** {@code namedSql} prepared on the session's connection. */
  static Call of(Session s, String namedSql) {
    return of(s, namedSql, false);
  }

  /** {@code namedSql} prepared to return generated keys (not kept in the statement cache). */
  static Call returningKeys(Session s, String namedSql) {
    return of(s, namedSql, true);
  }

  private static Call of(Session s, String namedSql, boolean keys) {
    Named n = PARSED.computeIfAbsent(namedSql, Named::parse);
    StatementCache cache = keys ? null : s.statements;
    StatementCustomizer deadline = s.deadline;
    Connection c = s.connection;
    try {
      PreparedStatement ps = keys ? c.prepareStatement(n.sql, Statement.RETURN_GENERATED_KEYS)
          : StatementCache.prepare(cache, c, n.sql);
      return new Call(c, n, ps, cache, deadline);
    } catch (SQLException e) {
      throw new Transactions.SqlFailure(n.sql, e);
    }
  }

  /** Binds {@code value} (null: SQL NULL) to every use of parameter {@code name}. */
  Call bytes(String name, byte @Nullable [] value) {
    try {
      for (int p : named.positions(name)) {
        if (value == null) {
          ps.setNull(p, Types.VARBINARY);
        } else {
          ps.setBytes(p, value);
        }
      }
      return this;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  Call number(String name, long value) {
    try {
      for (int p : named.positions(name)) {
        ps.setLong(p, value);
      }
      return this;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Ends one row of a batch. */
  void add() {
    try {
      ps.addBatch();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  int update() {
    try {
      beforeExecution();
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  int[] batch() {
    try {
      beforeExecution();
      return ps.executeBatch();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Reads one value of a row. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** The first row of the query's result, read by {@code row}; null when there is none. */
  <T> @Nullable T first(Row<T> row) {
    try {
      beforeExecution();
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? row.read(rs) : null;
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** The first generated key of the update just run ({@link #returningKeys}); null if none. */
  @Nullable Long generatedKey() {
    try (ResultSet rs = ps.getGeneratedKeys()) {
      return rs.next() ? rs.getLong(1) : null;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void beforeExecution() throws SQLException {
    if (deadline != null) {
      deadline.beforeExecution(ps, null);
    }
  }

  private RuntimeException failure(SQLException e) {
    return new Transactions.SqlFailure(named.sql, e);
  }

  @Override
  public void close() {
    try {
      StatementCache.release(cache, conn, ps);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** A statement's positional text and where each named parameter went. */
  private record Named(String sql, Map<String, int[]> byName) {
    int[] positions(String name) {
      int[] p = byName.get(name);
      if (p == null) {
        throw new IllegalArgumentException("no parameter :" + name + " in " + sql);
      }
      return p;
    }

    /** {@code :name} outside quotes becomes {@code ?}; positions count from 1. */
    static Named parse(String text) {
      StringBuilder out = new StringBuilder(text.length());
      Map<String, List<Integer>> found = new HashMap<>();
      int position = 0;
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        if (ch == '\'') {
          quoted = !quoted;
        }
        if (!quoted && ch == ':' && i + 1 < text.length()
            && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
          int end = i + 1;
          while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
          }
          found.computeIfAbsent(text.substring(i + 1, end), k -> new ArrayList<>()).add(++position);
          out.append('?');
          i = end - 1;
        } else {
          out.append(ch);
        }
      }
      Map<String, int[]> byName = new HashMap<>();
      found.forEach((k, v) -> byName.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
      return new Named(out.toString(), Map.copyOf(byName));
    }
  }
}
