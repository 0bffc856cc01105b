package dev.ctrstore.jdbc;

import dev.ctrstore.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bracket of one transaction: begin, then commit or roll back. Where the dialect allows, the
 * transaction is bracketed by {@code START TRANSACTION} (SQLite: {@code BEGIN IMMEDIATE} for
 * writes) and {@code COMMIT} statements with autocommit left on: JDBC's own bracket costs two
 * more round trips on MySQL ({@code SET autocommit=0} before and {@code SET autocommit=1}
 * after), 25% of a create's. If the bracket cannot be closed (the connection failed mid-way),
 * the connection is evicted so no open transaction returns to the pool. On SQLite a write first
 * enters the file's {@link WriterGate}, so this process's writers queue in Java rather than in
 * SQLite's busy handler (the store's own writes there go through {@link GroupCommit}, which
 * holds the gate for a group; what comes here is the change log's compaction).
 */
final class Transactions {
  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

  private final Dialect dialect;
  private final Database db;

  Transactions(Dialect dialect, Database db) {
    this.dialect = dialect;
    this.db = db;
  }

  /** The work of one transaction. */
  @FunctionalInterface
  interface Body<T extends @Nullable Object> {
    T run();
  }

  /**
   * Runs {@code body}, which only reads, in one transaction on {@code h}; commits if it returns,
   * rolls back if it throws.
   */
  <T extends @Nullable Object> T run(Handle h, TransactionIsolationLevel level, Body<T> body) {
    return run(h, level, false, Context.empty(), body);
  }

  /**
   * Runs {@code body}, which writes, in one transaction on {@code h}; commits if it returns,
   * rolls back if it throws. Waits for the write lock (SQLite) no longer than {@code ctx}'s
   * deadline.
   */
  <T extends @Nullable Object> T write(Handle h, Context ctx, TransactionIsolationLevel level,
      Body<T> body) {
    WriterGate gate = db.writerGate();
    if (gate == null) {
      return run(h, level, true, ctx, body);
    }
    gate.enter(ctx);
    try {
      return run(h, level, true, ctx, body);
    } finally {
      gate.leave();
    }
  }

  private <T extends @Nullable Object> T run(Handle h, TransactionIsolationLevel level,
      boolean write, Context ctx, Body<T> body) {
    if (!dialect.bracketsTransactionsWithStatements()) {
      return h.inTransaction(level, tx -> body.run());
    }
    if (dialect.setsIsolationLevel()) {
      // A no-op unless the session has another level (the driver knows the session's level).
      h.setTransactionIsolationLevel(level);
    }
    Connection c = h.getConnection();
    // Only SQLite's BEGIN waits (for the write lock); elsewhere a timeout on it would only cost
    // a timer (Connector/J schedules a cancel task per timed statement).
    begin(c, dialect.begin(write), write && dialect == Dialect.SQLITE ? ctx : Context.empty());
    T result;
    try {
      result = body.run();
      bracket(c, "COMMIT");
    } catch (RuntimeException e) {
      RuntimeException rollbackFailure = rollback(c);
      if (rollbackFailure != null && Errors.fromDatabase(e)) {
        // A statement failed and the connection is gone with it: the driver's own message (a
        // batch on a dead link reports "statement closed") can hide that, the rollback's does not.
        rollbackFailure.addSuppressed(e);
        throw rollbackFailure;
      }
      if (rollbackFailure != null) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } catch (Error e) {
      rollback(c);
      throw e;
    }
    return result;
  }

  /** Rolls back; on failure evicts the connection (no open transaction may return to the pool) and returns the failure. */
  private @Nullable RuntimeException rollback(Connection c) {
    try {
      bracket(c, "ROLLBACK");
      return null;
    } catch (RuntimeException e) {
      LOG.debug("rollback failed, evicting the connection: {}", e.toString());
      db.evict(c);
      return e;
    }
  }

  /**
   * Opens the transaction. A deadline bounds the statement: on SQLite {@code BEGIN IMMEDIATE}
   * waits for another process's write lock, and sqlite-jdbc's query timeout is that wait.
   */
  static void begin(Connection c, String sql, Context ctx) {
    begin(c, sql, ctx, null);
  }

  /** {@link #begin(Connection, String, Context)}, its statement kept in {@code kept} if not null. */
  static void begin(Connection c, String sql, Context ctx, @Nullable StatementCache kept) {
    Optional<Duration> remaining = ctx.remaining();
    if (remaining.isEmpty()) {
      bracket(c, sql, kept);
      return;
    }
    Statement st = null;
    try {
      st = kept != null ? kept.take(c, sql) : c.createStatement();
      long ms = Math.max(1, remaining.get().toMillis());
      st.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, (ms + 999) / 1000));
      if (st instanceof PreparedStatement ps) {
        ps.execute();
      } else {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new SqlFailure(sql, e);
    } finally {
      release(c, st, kept);
    }
  }

  /**
   * A plain statement, not a prepared one: Connector/J's statement cache answers a prepared
   * statement on a connection the network broke with "statement closed" (S1009), which would hide
   * the connection failure (08003) the caller must see as Unavailable.
   */
  static void bracket(Connection c, String sql) {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new SqlFailure(sql, e);
    }
  }

  /**
   * {@link #bracket(Connection, String)}, prepared once per connection in {@code kept} if not
   * null (SQLite, whose driver compiles a plain statement on every execution).
   */
  static void bracket(Connection c, String sql, @Nullable StatementCache kept) {
    if (kept == null) {
      bracket(c, sql);
      return;
    }
    PreparedStatement ps = null;
    try {
      ps = kept.take(c, sql);
      ps.execute();
    } catch (SQLException e) {
      throw new SqlFailure(sql, e);
    } finally {
      release(c, ps, kept);
    }
  }

  private static void release(Connection c, @Nullable Statement st,
      @Nullable StatementCache kept) {
    if (st == null) {
      return;
    }
    try {
      StatementCache.release(kept, c, st);
    } catch (SQLException e) {
      LOG.debug("closing a transaction statement failed: {}", e.toString());
    }
  }

  /** A failed transaction bracket; {@link Errors} reads the SQLException inside. */
  static final class SqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SqlFailure(String sql, SQLException cause) {
      super(sql + ": " + cause.getMessage(), cause);
    }
  }
}
