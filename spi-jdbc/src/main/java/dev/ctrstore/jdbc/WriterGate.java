package dev.ctrstore.jdbc;

import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writers to one SQLite file, one at a time. SQLite has one write lock per file; a writer
 * that finds it taken waits in SQLite's busy handler, which sleeps 1, 2, 5, 10 … 100 ms between
 * tries, so writers contending for it spend most of their time asleep with the lock free.
 *
 * <p>So writers queue here first: this JVM's for a permit, which hands the turn on at once;
 * then the JVM's one writer takes an OS lock on a file beside the database ({@code
 * <file>-writer.lock}, {@link FileChannel#tryLock()}), which other processes running ctrstore
 * take too, retried every {@value #MAX_PAUSE_MICROS} µs at most. SQLite's busy handler is left
 * for writers that do not take it (the {@code sqlite3} shell, say); correctness never depends
 * on the gate, only speed. If the lock file cannot be opened (a read-only folder), writers of
 * other processes meet in SQLite's busy handler as before. Every store of the JVM on the same
 * file shares the gate (one per absolute path, kept for the JVM's life). A permit, not a lock:
 * a group of writes ({@link GroupCommit}) enters on the thread that opens its transaction and
 * leaves on the one that commits it; the permit also guards the OS lock's fields.
 */
final class WriterGate {
  private static final Logger LOG = LoggerFactory.getLogger(WriterGate.class);
  private static final Map<String, WriterGate> BY_FILE = new ConcurrentHashMap<>();
  /** The longest pause between two tries of another process's lock. */
  static final long MAX_PAUSE_MICROS = 250;

  private final Semaphore permit = new Semaphore(1);
  private final Path lockFile;
  // Guarded by the permit: opened on first use, kept open for the JVM's life (closing a channel drops
  // every lock the process holds on the file).
  private @Nullable FileChannel channel;
  private boolean channelFailed;
  private @Nullable FileLock held;

  private WriterGate(String file) {
    this.lockFile = Path.of(file + "-writer.lock");
  }

  /** The gate of the SQLite file of {@code url} ({@code jdbc:sqlite:PATH[?…]}). */
  static WriterGate of(String url) {
    return BY_FILE.computeIfAbsent(fileKey(url), WriterGate::new);
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
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, ms));
    try {
      if (permit.tryAcquire(Math.max(0, ms), TimeUnit.MILLISECONDS)) {
        if (acrossProcesses(until)) {
          return;
        }
        permit.release();
        if (remaining.isPresent()) {
          throw new DeadlineExceededException("deadline " + ctx.deadline() + " passed while"
              + " waiting for other processes' SQLite writers; nothing was written");
        }
        throw new Transactions.SqlFailure("BEGIN IMMEDIATE", new SQLException("database is"
            + " locked: other processes' writers held " + lockFile + " for " + ms + " ms", null, 5));
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
    try {
      FileLock l = held;
      held = null;
      if (l != null) {
        l.release();
      }
    } catch (IOException e) {
      // The channel failed: the OS dropped the lock with it; next time opens it again.
      channel = null;
      LOG.debug("releasing {} failed", lockFile, e);
    } finally {
      permit.release();
    }
  }

  /**
   * Takes the OS lock other processes' writers take, pausing briefly between tries until {@code
   * until} ({@link System#nanoTime()}); true when held, or when there is no lock file to take.
   */
  private boolean acrossProcesses(long until) throws InterruptedException {
    FileChannel ch = channel();
    if (ch == null) {
      return true;
    }
    long pause = 10;
    while (true) {
      try {
        held = ch.tryLock();
      } catch (IOException | OverlappingFileLockException e) {
        LOG.debug("locking {} failed; other processes' writers meet in SQLite", lockFile, e);
        return true;
      }
      if (held != null) {
        return true;
      }
      if (System.nanoTime() - until > 0) {
        return false;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pause));
      pause = Math.min(MAX_PAUSE_MICROS, pause * 2);
    }
  }

  private @Nullable FileChannel channel() {
    if (channel == null && !channelFailed) {
      try {
        channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      } catch (IOException | RuntimeException e) {
        channelFailed = true;
        LOG.debug("cannot open {}; other processes' writers meet in SQLite", lockFile, e);
      }
    }
    return channel;
  }
}
