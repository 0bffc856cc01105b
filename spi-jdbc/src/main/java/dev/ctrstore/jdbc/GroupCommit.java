package dev.ctrstore.jdbc;

import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQLite commit for the concurrent writes of one store. SQLite lets one transaction write a
 * file at a time and each commit costs an {@code fsync} of the log, so writers taking turns
 * commit no faster than one. Here, writers that arrive while another's write runs join its
 * transaction: each runs its own work, on its own thread, inside a {@code SAVEPOINT} of one
 * {@code BEGIN IMMEDIATE} transaction, and the last of the group (the one that finds nobody
 * waiting, or the {@value #MAX_GROUP}th) commits for all: one {@code fsync} for the group.
 *
 * <ul>
 *   <li>A write that fails rolls back to its savepoint: the others of its group are untouched.
 *       Should the database have rolled back the whole transaction (SQLite does on a full disk
 *       or an I/O error), the group's earlier writes fail as retryable (nothing was written) and
 *       run again ({@link Retries}).
 *   <li>No write returns before the group's {@code COMMIT} has returned, which with {@code
 *       synchronous=FULL} is after the log's {@code fsync}: what is acknowledged is on disk. If
 *       the commit fails, every write of the group fails with its error.
 *   <li>Revisions: the writes of a group take them one after another in one transaction, and
 *       groups commit one after another, so revisions still increase in commit order without
 *       gaps. A write sees the uncommitted writes of its group before it (it runs after them).
 *       The group counts a namespace's revisions on in memory after its first write there and
 *       sets the counter row once before committing ({@link GroupCounters}).
 *   <li>One writer alone commits at once: nobody waits, so it closes its own group, and without
 *       a savepoint (a first write that fails rolls back the whole, still empty, transaction).
 * </ul>
 *
 * <p>The group's transaction holds the file's {@link WriterGate} (this JVM's other stores on the
 * file, and the change log's compaction, run between groups) and one pooled connection, from its
 * first write to its commit. A writer waits for the group lock no longer than its deadline; one
 * that gives up while a group is open commits that group if nobody else is left to.
 */
final class GroupCommit {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  /** The most writes one commit covers: bounds how long the first of them waits for it. */
  static final int MAX_GROUP = 64;

  private final Database db;
  private final Deadlines deadlines;
  private final Errors errors;
  private final WriterGate gate;
  // The transaction's own statements, prepared once per connection.
  private final @Nullable StatementCache statements;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicInteger waiting = new AtomicInteger();
  // Guarded by lock.
  private @Nullable Group open;
  private final AtomicLong commits = new AtomicLong();

  GroupCommit(Database db, Deadlines deadlines, Errors errors, WriterGate gate) {
    this.db = db;
    this.deadlines = deadlines;
    this.errors = errors;
    this.gate = gate;
    this.statements = deadlines.statements();
  }

  /** The transaction writes share, and how it ended. */
  private static final class Group {
    final Connection c;
    final GroupCounters counters = new GroupCounters();
    int writes;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Group(Connection c) {
      this.c = c;
    }
  }

  /**
   * Runs {@code body} on a session in the current group's transaction (opening one if none is
   * open) and returns its result once the group has committed. {@code body} failing rolls back
   * its own changes only and is rethrown as is.
   */
  <T> T write(Context ctx, String what, Function<Session, T> body) {
    enter(ctx, what);
    Group g;
    T result = null;
    Throwable failure = null;
    try {
      if (lock.getHoldCount() > 1) {
        throw new IllegalStateException(what + ": a write inside a write of the same store");
      }
      g = open;
      if (g == null) {
        g = begin(ctx, what);
        open = g;
      }
      boolean first = g.writes == 0;
      g.writes++;
      Map<ByteBuffer, long[]> counters = first ? Map.of() : g.counters.mark();
      if (!first) {
        try {
          Transactions.bracket(g.c, "SAVEPOINT w", statements);
        } catch (RuntimeException e) {
          g.writes--;
          abort(g, e); // the connection failed: the group cannot commit
          throw e;
        }
      }
      try (Session s = deadlines.session(g.c, ctx, what, g.counters)) {
        result = body.apply(s);
      } catch (RuntimeException | Error e) {
        failure = e;
        g.writes--;
        if (first || !rollbackTo(g)) {
          // Its only write, or the database ended the whole transaction: nothing to keep.
          abort(g, e);
          throw e;
        }
        g.counters.reset(counters);
      }
      if (!first && failure == null) {
        try {
          Transactions.bracket(g.c, "RELEASE w", statements);
        } catch (RuntimeException e) {
          abort(g, e);
          throw e;
        }
      }
      if (waiting.get() == 0 || g.writes >= MAX_GROUP) {
        commit(g);
      }
    } finally {
      lock.unlock();
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw (RuntimeException) failure;
    }
    awaitCommit(g);
    return result;
  }

  /** Groups committed so far (for tests). */
  long commits() {
    return commits.get();
  }

  /** Writers waiting to join a group (for tests). */
  int waiting() {
    return waiting.get();
  }

  /** Takes the group lock, no longer than the deadline or the busy timeout. */
  private void enter(Context ctx, String what) {
    Optional<java.time.Duration> remaining = ctx.remaining();
    long ms = remaining.map(java.time.Duration::toMillis).orElse(Dialect.DEFAULT_LOCK_TIMEOUT_MS);
    boolean in;
    waiting.incrementAndGet();
    try {
      in = lock.tryLock(Math.max(0, ms), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      waiting.decrementAndGet();
      closeAbandoned();
      throw new StoreException(ErrorKind.UNKNOWN,
          what + ": interrupted while waiting for the SQLite write lock; nothing was written", e);
    }
    waiting.decrementAndGet();
    if (in) {
      return;
    }
    closeAbandoned();
    if (remaining.isPresent()) {
      throw new DeadlineExceededException(what + ": deadline " + ctx.deadline()
          + " passed while waiting for this process's other SQLite writers; nothing was written");
    }
    throw new Transactions.SqlFailure("BEGIN IMMEDIATE", new SQLException("database is locked:"
        + " this process's other writers held the write lock for " + ms + " ms", null, 5));
  }

  /**
   * A writer that gave up waiting may have been the one the open group was left open for:
   * commits it if nobody else waits (at most one write's time: the lock holder's).
   */
  private void closeAbandoned() {
    lock.lock();
    try {
      Group g = open;
      if (g != null && waiting.get() == 0) {
        commit(g);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Opens a group: the file's gate, a pooled connection, {@code BEGIN IMMEDIATE}. */
  private Group begin(Context ctx, String what) {
    gate.enter(ctx);
    Connection c = null;
    try {
      long timeout = ctx.remaining().map(d -> Math.max(1, d.toMillis()))
          .orElse(db.connectionTimeoutMs());
      c = db.borrow(Math.min(timeout, db.connectionTimeoutMs()));
      Transactions.begin(c, "BEGIN IMMEDIATE", ctx, statements);
      return new Group(c);
    } catch (SQLException | RuntimeException e) {
      close(c);
      gate.leave();
      throw e instanceof SQLException ? errors.map(e, what, ctx) : (RuntimeException) e;
    }
  }

  /** Rolls the failed write back to its savepoint; false if the transaction is gone. */
  private boolean rollbackTo(Group g) {
    try {
      Transactions.bracket(g.c, "ROLLBACK TO w", statements);
      Transactions.bracket(g.c, "RELEASE w", statements);
      return true;
    } catch (RuntimeException e) {
      LOG.debug("rollback to a write's savepoint failed: {}", e.toString());
      return false;
    }
  }

  /** Commits the group and ends it; its writes learn the outcome from {@code done}. */
  private void commit(Group g) {
    open = null;
    try {
      g.counters.flush(Session.on(g.c, statements));
      Transactions.bracket(g.c, "COMMIT", statements);
      commits.incrementAndGet();
      g.done.complete(null);
      close(g.c);
    } catch (RuntimeException e) {
      g.done.completeExceptionally(e);
      rollback(g.c);
    } finally {
      gate.leave();
    }
  }

  /** Rolls the whole group back; its earlier writes fail as retryable (nothing was written). */
  private void abort(Group g, Throwable cause) {
    open = null;
    try {
      rollback(g.c);
    } finally {
      gate.leave();
    }
    SQLException busy = new SQLException("another write of the same group commit failed and"
        + " took the transaction with it (" + cause + "); nothing was written", null, 5);
    g.done.completeExceptionally(new Transactions.SqlFailure("COMMIT", busy));
  }

  private void rollback(Connection c) {
    try {
      Transactions.bracket(c, "ROLLBACK", statements);
      close(c);
    } catch (RuntimeException e) {
      LOG.debug("rollback failed, evicting the connection: {}", e.toString());
      db.evict(c);
    }
  }

  private static void close(@Nullable Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("returning a connection: {}", e.toString());
    }
  }

  /** Waits for the group's commit, whatever the deadline: the write is in it. */
  private static void awaitCommit(Group g) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          g.done.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          // A failure of its own per waiter: Retries and Errors add to what they are given.
          SQLException s = Errors.sqlCause(e.getCause());
          throw s != null ? new Transactions.SqlFailure("COMMIT", s)
              : new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
