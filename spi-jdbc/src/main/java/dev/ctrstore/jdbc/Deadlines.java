package dev.ctrstore.jdbc;

import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens JDBI handles on pooled connections with every wait bounded by the call's {@link Context}
 * deadline: the wait for a connection, each statement (query timeout), each socket read (network
 * timeout, where the dialect talks over a network) and each row-lock wait (where the dialect
 * needs a statement for it). Without a deadline only the pool's own timeouts apply.
 */
final class Deadlines {
  private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);

  private final Dialect dialect;
  private final Errors errors;
  private final Database db;
  private final Jdbi jdbi;
  private final ThreadLocal<Long> borrowTimeout = new ThreadLocal<>();
  // Handles on a connection the caller holds (a GroupCommit's): closing one leaves it open.
  private final Jdbi held;
  private final ThreadLocal<Connection> heldConnection = new ThreadLocal<>();
  // SQLite only: statements kept per connection, for JDBI's statements and Call's alike.
  private final @Nullable StatementCache statements;

  Deadlines(Dialect dialect, Errors errors, Database db) {
    this.dialect = dialect;
    this.errors = errors;
    this.db = db;
    this.jdbi = Jdbi.create(new ConnectionFactory() {
      @Override
      public Connection openConnection() throws SQLException {
        Long t = borrowTimeout.get();
        return db.borrow(t == null ? db.connectionTimeoutMs() : t);
      }
    });
    // A handle whose work threw is rolled back by inTransaction; never complain on close.
    jdbi.getConfig(Handles.class).setForceEndTransactions(false);
    this.held = Jdbi.create(new ConnectionFactory() {
      @Override
      public Connection openConnection() {
        return heldConnection.get();
      }

      @Override
      public void closeConnection(Connection toClose) {
        // the holder returns it
      }
    });
    held.getConfig(Handles.class).setForceEndTransactions(false);
    this.statements = dialect == Dialect.SQLITE ? new StatementCache() : null;
    if (statements != null) {
      jdbi.setStatementBuilderFactory(c -> statements);
      held.setStatementBuilderFactory(c -> statements);
      jdbi.define(Call.STATEMENTS, statements);
      held.define(Call.STATEMENTS, statements);
    }
  }

  /** The SQLite statements kept per connection; null on other dialects ({@link StatementCache}). */
  @Nullable StatementCache statements() {
    return statements;
  }

  /**
   * A session on {@code c}, which the caller holds and keeps, in a SQLite group commit with
   * {@code counters}: its statements get a query timeout from {@code ctx}'s deadline, as {@link
   * #open}'s do (on SQLite that is all a deadline sets), and a handle is opened on {@code c} only
   * if one is asked for ({@link #on}).
   */
  Session session(Connection c, Context ctx, String what, GroupCounters counters) {
    if (dialect != Dialect.SQLITE) {
      throw new IllegalStateException("group commits run on SQLite only, not " + dialect);
    }
    StatementCustomizer deadline = ctx.deadline() == null ? null
        : new DeadlineCustomizer(ctx, what, false);
    return Session.held(c, statements, deadline, counters, () -> on(c, ctx, what));
  }

  /**
   * A handle on {@code c}, which the caller holds and keeps after the handle is closed; its
   * statements get a query timeout from {@code ctx}'s deadline, as {@link #open}'s do.
   */
  Handle on(Connection c, Context ctx, String what) {
    heldConnection.set(c);
    try {
      return opened(held, ctx, what);
    } finally {
      heldConnection.remove();
    }
  }

  /** A handle on a pooled connection, waiting no longer than the deadline for it; statements get a query timeout from the deadline. */
  Handle open(Context ctx, String what) {
    long timeout = db.connectionTimeoutMs();
    Optional<Duration> remaining = ctx.remaining();
    if (remaining.isPresent()) {
      long ms = remaining.get().toMillis();
      if (ms <= 0) {
        throw exceeded(ctx, what);
      }
      timeout = Math.min(timeout, Math.max(ms, 1));
    }
    borrowTimeout.set(timeout);
    try {
      return opened(jdbi, ctx, what);
    } finally {
      borrowTimeout.remove();
    }
  }

  /** A handle from {@code source}, its statements bound to {@code ctx}'s deadline if it has one. */
  private Handle opened(Jdbi source, Context ctx, String what) {
    Handle h;
    try {
      h = source.open();
    } catch (RuntimeException e) {
      throw errors.map(e, what, ctx);
    }
    if (ctx.deadline() != null) {
      bound(h, ctx, what);
    }
    return h;
  }

  static DeadlineExceededException exceeded(Context ctx, String what) {
    return new DeadlineExceededException(what + ": deadline " + ctx.deadline() + " exceeded");
  }

  private void bound(Handle h, Context ctx, String what) {
    if (dialect.boundsReadsWithNetworkTimeout()) {
      // The query timeout counts whole seconds and is enforced by a KILL sent over a second
      // connection; neither helps when the network stalls, and the statements JDBC runs on its
      // own (autocommit, isolation, commit) have no timeout at all. A socket timeout of the
      // time left bounds every read on this connection.
      try {
        networkTimeout(h.getConnection(), ctx, what);
      } catch (SQLException | RuntimeException e) {
        h.close();
        throw errors.map(e, what, ctx);
      }
    }
    DeadlineCustomizer deadline =
        new DeadlineCustomizer(ctx, what, dialect.boundsReadsWithNetworkTimeout());
    h.addCustomizer(deadline);
    h.define(Call.DEADLINE, deadline); // for the statements run over plain JDBC (Call)
    String lockTimeout = dialect.lockTimeoutSql(timeoutFor(ctx));
    if (lockTimeout != null) {
      // A lock wait is not cut short by the query timeout on every database; bound it too,
      // and put the pool's setting back when the handle is closed.
      try {
        h.execute(lockTimeout);
      } catch (RuntimeException e) {
        h.close();
        throw errors.map(e, what, ctx);
      }
      String reset = dialect.lockTimeoutSql(-1);
      h.addCleanable(() -> {
        try {
          h.execute(reset);
        } catch (RuntimeException e) {
          LOG.debug("{}: resetting the lock timeout: {}", what, e.toString());
        }
      });
    }
  }

  private static long timeoutFor(Context ctx) {
    return ctx.remaining().map(Duration::toMillis).map(ms -> Math.max(1, ms)).orElse(-1L);
  }

  /**
   * Bounds every socket read on {@code c} by the time left until the deadline (the pool puts its
   * own setting back when the connection is returned). The driver applies it synchronously.
   */
  private static void networkTimeout(Connection c, Context ctx, String what) throws SQLException {
    long ms = ctx.remaining().map(Duration::toMillis).orElse(0L);
    if (ms <= 0) {
      throw exceeded(ctx, what);
    }
    c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, ms));
  }

  /**
   * Sets each statement's query timeout to the time left (JDBC counts whole seconds, so at least
   * 1) and, where the dialect needs it, the connection's network timeout to the exact time left.
   */
  private record DeadlineCustomizer(Context ctx, String what, boolean network)
      implements StatementCustomizer {
    @Override
    public void beforeExecution(PreparedStatement stmt, StatementContext sc) throws SQLException {
      long ms = ctx.remaining().map(Duration::toMillis).orElse(Long.MAX_VALUE);
      if (ms <= 0) {
        throw exceeded(ctx, what);
      }
      if (network) {
        networkTimeout(stmt.getConnection(), ctx, what);
      }
      stmt.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, (ms + 999) / 1000)));
    }
  }
}
