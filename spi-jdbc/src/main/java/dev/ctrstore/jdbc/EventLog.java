package dev.ctrstore.jdbc;

import dev.ctrstore.Context;
import dev.ctrstore.spi.EventRetention;
import dev.ctrstore.spi.Storage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change log as watchers and the retention see it. A waiting watch polls only the namespace's
 * counter row ({@code ctr_revision}, one primary-key read in autocommit that locks nothing and
 * waits for no writer), every {@value #POLL_MILLIS} ms, and returns to read the log only once the
 * counter passed what it delivered: the counter moves in the same transaction as the event rows,
 * so they are visible together. A commit of this storage wakes a waiting watch at once; a write
 * from another process arrives within a poll interval and two reads. A daemon thread ({@code ctrstore-jdbc-events-compactor}) deletes what
 * the {@link EventRetention} no longer keeps, {@value #COMPACT_BATCH} events per short
 * transaction at READ COMMITTED (no gap locks): it deletes the oldest rows of a namespace's key
 * range while writers insert at its other end, so they do not wait for each other. Every open
 * store compacts every namespace of the database by its own retention, so the shortest retention
 * configured among the processes sharing a database is the one in force.
 */
final class EventLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

  /** The longest wait of a watch between two reads of the counter. */
  static final long POLL_MILLIS = 10;
  /**
   * The longest {@link #await} before the watch reads the log again even though the counter did
   * not move: bounds how long a closed watch keeps a consumer's poll waiting.
   */
  static final long MAX_AWAIT_MILLIS = 250;
  /** Events deleted per compaction transaction. */
  static final int COMPACT_BATCH = 1000;

  private final Database db;
  private final Deadlines deadlines;
  private final Transactions transactions;
  private final Errors errors;
  private final EventRetention retention;
  private final ScheduledExecutorService compactor;
  private final Object signal = new Object();
  private volatile int waiting;
  private long commits;

  EventLog(Database db, Deadlines deadlines, Transactions transactions, Errors errors,
      EventRetention retention) {
    this.db = db;
    this.deadlines = deadlines;
    this.transactions = transactions;
    this.errors = errors;
    this.retention = retention;
    this.compactor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ctrstore-jdbc-events-compactor");
      t.setDaemon(true);
      return t;
    });
    long period = compactionPeriodMillis(retention);
    compactor.scheduleWithFixedDelay(this::compactQuietly, period, period, TimeUnit.MILLISECONDS);
  }

  /** Often enough that the log outlives its age limit by a quarter at most, at most once a second. */
  static long compactionPeriodMillis(EventRetention retention) {
    Duration age = retention.maxAge();
    long quarter = age == null ? 1000 : age.toMillis() / 4;
    return Math.max(10, Math.min(1000, quarter));
  }

  /** Events after {@code after}, with how far the log was compacted, in one snapshot. */
  Storage.Events read(Context ctx, String namespace, long after, int limit) {
    String what = Errors.describe("watch", namespace);
    try (Handle h = deadlines.open(ctx, what)) {
      return transactions.run(h, TransactionIsolationLevel.REPEATABLE_READ,
          () -> EventRows.read(h, Codec.utf8(namespace), namespace, after, limit));
    } catch (RuntimeException e) {
      throw Errors.fromDatabase(e) ? errors.map(e, what, ctx) : e;
    }
  }

  /**
   * Returns once the namespace's counter passed {@code after} (as far as a read of it shows), or
   * {@code timeout} or {@value #MAX_AWAIT_MILLIS} ms passed, whichever is first; between reads of
   * the counter it waits {@value #POLL_MILLIS} ms or for a commit of this storage. A counter that
   * cannot be read ends the wait after one poll interval: the caller's read of the log reports
   * the failure.
   */
  void await(String namespace, long after, Duration timeout) throws InterruptedException {
    long millis = Math.min(MAX_AWAIT_MILLIS, Math.max(0, timeout.toMillis()));
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    byte[] ns = Codec.utf8(namespace);
    while (true) {
      long seen;
      synchronized (signal) {
        seen = commits;
      }
      long counter = counter(ns);
      if (counter > after) {
        return;
      }
      if (counter < 0) {
        // Not at once: a caller whose read of the log still works would poll in a tight loop.
        awaitCommit(seen, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      awaitCommit(seen, Math.min(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS), left));
    }
  }

  /** The namespace's counter (0: never written), or -1 if it could not be read. */
  private long counter(byte[] ns) {
    try (Connection c = db.borrow()) {
      return Revisions.current(Session.on(c, deadlines.statements()), ns);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("reading the revision counter on {} failed: {}", errors.url(), e.toString());
      return -1;
    }
  }

  /** Waits until a commit of this storage after the one counted {@code seen}, or {@code nanos}. */
  private void awaitCommit(long seen, long nanos) throws InterruptedException {
    synchronized (signal) {
      waiting++;
      try {
        long deadline = System.nanoTime() + nanos;
        while (commits == seen) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return;
          }
          TimeUnit.NANOSECONDS.timedWait(signal, left);
        }
      } finally {
        waiting--;
      }
    }
  }

  /** A write of this storage committed: wakes the watches waiting (no cost without watches). */
  void committed() {
    if (waiting > 0) {
      synchronized (signal) {
        commits++;
        signal.notifyAll();
      }
    }
  }

  private void compactQuietly() {
    try {
      compact();
    } catch (RuntimeException e) {
      LOG.warn("compacting the change log on {} failed (retried next period): {}", errors.url(),
          e.toString());
    }
  }

  /** One pass over every namespace; returns the events deleted. */
  long compact() {
    record State(byte[] ns, long counter, long oldest) {}
    List<State> states;
    Context ctx = Context.empty().withTimeout(Duration.ofSeconds(30));
    try (Handle h = deadlines.open(ctx, "compact the change log")) {
      states = h.createQuery(Sql.ALL_LOG_STATES)
          .map((rs, c) -> new State(rs.getBytes(1), rs.getLong(2),
              rs.getObject(3) == null ? -1 : rs.getLong(3)))
          .list();
    }
    long deleted = 0;
    for (State s : states) {
      if (s.oldest() < 0) {
        continue;
      }
      long oldest = s.oldest();
      while (true) {
        long upTo = upTo(s.ns(), s.counter(), oldest);
        if (upTo < oldest) {
          break;
        }
        long n = delete(s.ns(), upTo);
        deleted += n;
        oldest = upTo + 1;
        if (upTo >= s.counter() || n == 0) {
          break;
        }
        Thread.yield();
      }
    }
    return deleted;
  }

  /** The highest revision to delete in one batch from {@code oldest} on; below oldest: none. */
  private long upTo(byte[] ns, long counter, long oldest) {
    long limit = oldest + COMPACT_BATCH - 1;
    long byCount = retention.maxEvents() == Long.MAX_VALUE ? oldest - 1
        : counter - retention.maxEvents();
    long byAge = oldest - 1;
    Duration maxAge = retention.maxAge();
    if (maxAge != null && byCount < limit) {
      long cutoff = System.currentTimeMillis() - maxAge.toMillis();
      Context ctx = Context.empty().withTimeout(Duration.ofSeconds(30));
      try (Handle h = deadlines.open(ctx, "compact the change log")) {
        List<long[]> oldestRows = h.createQuery(Sql.OLDEST_EVENTS).bind("ns", ns)
            .bind("limit", COMPACT_BATCH)
            .map((rs, c) -> new long[] {rs.getLong(1), rs.getLong(2)})
            .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        for (long[] row : oldestRows) {
          if (row[1] >= cutoff) {
            break; // the log is kept as a prefix: stop at the first event young enough
          }
          byAge = row[0];
        }
      }
    }
    return Math.min(limit, Math.max(byCount, byAge));
  }

  private long delete(byte[] ns, long upTo) {
    Context ctx = Context.empty().withTimeout(Duration.ofSeconds(30));
    try (Handle h = deadlines.open(ctx, "compact the change log")) {
      return transactions.write(h, ctx, TransactionIsolationLevel.READ_COMMITTED,
          () -> h.createUpdate(Sql.COMPACT).bind("ns", ns).bind("upto", upTo).execute());
    }
  }

  @Override
  public void close() {
    // Not shutdownNow: an interrupt during H2 file I/O closes the database's file channel.
    compactor.shutdown();
    try {
      compactor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
