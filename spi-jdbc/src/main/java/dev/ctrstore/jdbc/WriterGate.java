package dev.ctrstore.jdbc;

import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The writers of this JVM to one SQLite file, one at a time. SQLite has one write lock per file;
 * a writer that finds it taken waits in SQLite's busy handler, which sleeps 1, 2, 5, 10 … 100
 * ms between tries, so eight threads of one process contending for it would spend most of
 * their time asleep with the lock free. Queueing them here hands the lock on at once; SQLite's
 * busy handler is then left only for writers of other processes. Every store of the JVM on the
 * same file shares the gate (one lock per absolute path, kept for the JVM's life: a few bytes
 * per file ever opened). A permit, not a lock: a group of writes ({@link GroupCommit}) enters on
 * the thread that opens its transaction and leaves on the one that commits it.
 */
final class WriterGate {
  private static final Map<String, WriterGate> BY_FILE = new ConcurrentHashMap<>();

  private final Semaphore permit = new Semaphore(1);

  private WriterGate() {}

  /** The gate of the SQLite file of {@code url} ({@code jdbc:sqlite:PATH[?…]}). */
  static WriterGate of(String url) {
    return BY_FILE.computeIfAbsent(fileKey(url), k -> new WriterGate());
  }

  /** The absolute path of the file a SQLite URL names (its {@code file:} form too). */
  static String fileKey(String url) {
    String rest = url.substring("jdbc:sqlite:".length());
    if (rest.toLowerCase(Locale.ROOT).startsWith("file:")) {
      rest = rest.substring("file:".length());
      while (rest.startsWith("//")) {
        rest = rest.substring(1);
      }
    }
    int query = rest.indexOf('?');
    String path = query < 0 ? rest : rest.substring(0, query);
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  /**
   * Waits for this JVM's other writers to the file, no longer than {@code ctx}'s deadline, or
   * than the busy timeout without one (then the write fails as SQLite's SQLITE_BUSY would and
   * runs again, {@link Retries}).
   */
  void enter(Context ctx) {
    Optional<Duration> remaining = ctx.remaining();
    long ms = remaining.map(Duration::toMillis).orElse(Dialect.DEFAULT_LOCK_TIMEOUT_MS);
    try {
      if (permit.tryAcquire(Math.max(0, ms), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(ErrorKind.UNKNOWN,
          "interrupted while waiting for the SQLite write lock; nothing was written", e);
    }
    if (remaining.isPresent()) {
      throw new DeadlineExceededException("deadline " + ctx.deadline()
          + " passed while waiting for this process's other SQLite writers; nothing was written");
    }
    throw new Transactions.SqlFailure("BEGIN IMMEDIATE", new SQLException("database is locked:"
        + " this process's other writers held the write lock for " + ms + " ms", null, 5));
  }

  /** Lets the next writer in; called once per successful {@link #enter}, on any thread. */
  void leave() {
    permit.release();
  }
}
