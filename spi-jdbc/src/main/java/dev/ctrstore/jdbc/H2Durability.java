package dev.ctrstore.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.h2.mvstore.db.Store;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an embedded H2 file database opened with {@code WRITE_DELAY=0} (as a durable H2 URL sets
 * it) needs on top of H2 to keep the backend's promises:
 *
 * <ul>
 *   <li><b>Each committed write is forced to the disk</b> ({@code fsync}) before the call
 *       returns. H2 writes the commit into its file but leaves it in the operating system's
 *       cache, which a power cut or kernel crash loses; InnoDB and bolt force every commit, and
 *       so does this backend now.
 *   <li><b>Housekeeping.</b> {@code WRITE_DELAY=0} also switches off H2's background writer and
 *       with it the reclaiming of the copy-on-write chunks every commit leaves behind (measured:
 *       20,000 creates left a 1.5 GB file, 100,000 a 6.2 GB one). A daemon thread does what that
 *       writer would: every {@value #PERIOD_MS} ms it frees dead chunks and rewrites the live
 *       pages of sparse ones, so their space is reused; after each pass it forces the file too.
 *       It never moves chunks while the database is open: H2 2.3.232's
 *       {@code compactMoveChunks} races with a concurrent commit (an {@code AssertionError} in
 *       {@code moveChunkInside} that closes the database, seen under load), so the file is
 *       shrunk only by H2's own compaction when the database closes.
 *   <li><b>A retention time of {@value #RETENTION_MS} ms</b> for replaced chunks instead of H2's
 *       45 s (unless the URL sets {@code RETENTION_TIME}). H2 keeps replaced chunks that long
 *       because it never forces its file, hoping the OS has written everything by then; with
 *       every commit and every housekeeping pass forced, a chunk's replacement is on the disk
 *       within milliseconds, and a long retention only holds up to 45 s of dead chunks — at a
 *       thousand commits a second, gigabytes.
 * </ul>
 *
 * Only this class touches H2's engine classes, and only for an embedded H2 database: with
 * another database it is never loaded.
 */
final class H2Durability implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(H2Durability.class);

  /** How long replaced chunks are kept before their space is reused. */
  static final int RETENTION_MS = 1_000;
  /** The housekeeping period (H2's own writer wakes every tenth of its write delay: 50 ms by default). */
  static final long PERIOD_MS = 100;
  /** Rewrite sparse chunks until the live pages fill this percentage of them (H2's default). */
  private static final int TARGET_FILL_RATE = 90;
  /** At most this many bytes rewritten per pass, so a pass never holds H2's store lock long. */
  private static final int REWRITE_BYTES = 4 << 20;
  /**
   * Passes without a commit during which the file is still compacted (while a pass finds work);
   * then the thread idles until the next commit.
   */
  private static final int IDLE_PASSES = 100;

  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private final Thread thread;
  private volatile @Nullable MVStore current;
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile boolean closed;
  private boolean warned;

  private H2Durability(MVStore mv, String name) {
    configure(mv);
    this.current = mv;
    this.thread = new Thread(this::housekeep, name + "-h2-housekeeping");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Starts the discipline for the database of {@code c}, or returns null when it does not
   * apply: not an embedded H2 database (a TCP server keeps its own file), an in-memory or
   * read-only one, or one with a write delay (whose commits are not meant to be durable one by
   * one, and whose background writer already does the housekeeping).
   */
  static @Nullable H2Durability startIfApplicable(Connection c, String name) throws SQLException {
    MVStore mv = mvStore(c);
    if (mv == null || mv.getFileStore() == null || mv.isReadOnly() || mv.getAutoCommitDelay() != 0) {
      return null;
    }
    LOG.debug("{}: H2 file with WRITE_DELAY=0: forcing each commit to disk, housekeeping every {} ms",
        name, PERIOD_MS);
    return new H2Durability(mv, name);
  }

  /**
   * Forces the file of {@code c}'s database to the disk; called after each committed write,
   * before the write returns. (H2 closes a database when its last connection closes and opens a
   * new store when the pool reconnects, so the store is looked up each time.)
   */
  void afterCommit(Connection c) throws SQLException {
    MVStore mv = mvStore(c);
    if (mv == null || mv.isClosed()) {
      return;
    }
    if (mv != current) {
      configure(mv);
      current = mv;
    }
    commits.incrementAndGet();
    FileStore<?> fs = mv.getFileStore();
    if (fs != null) {
      fs.sync();
      syncs.incrementAndGet();
    }
  }

  /** Forced writes so far (for tests). */
  long syncs() {
    return syncs.get();
  }

  @Override
  public void close() {
    closed = true;
    // Wake the thread rather than interrupt it: an interrupt during file I/O closes the
    // FileChannel H2 is writing through, and with it the database.
    stop.countDown();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void configure(MVStore mv) {
    FileStore<?> fs = mv.getFileStore();
    if (fs != null && mv.getRetentionTime() == fs.getDefaultRetentionTime()) {
      mv.setRetentionTime(RETENTION_MS);
    }
  }

  private static @Nullable MVStore mvStore(Connection c) throws SQLException {
    if (!c.isWrapperFor(JdbcConnection.class)) {
      return null;
    }
    Session session = c.unwrap(JdbcConnection.class).getSession();
    if (!(session instanceof SessionLocal local)) {
      return null;
    }
    Store store = local.getDatabase().getStore();
    return store == null ? null : store.getMvStore();
  }

  private void housekeep() {
    long seen = -1;
    int idle = 0;
    boolean settled = false;
    while (!closed) {
      try {
        if (stop.await(PERIOD_MS, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      long now = commits.get();
      idle = now == seen ? idle + 1 : 0;
      seen = now;
      if (idle == 0) {
        settled = false;
      }
      MVStore mv = current;
      // Nothing written through this store yet (a reader, say): leave the file alone.
      if (now == 0 || settled || idle > IDLE_PASSES || mv == null || mv.isClosed()) {
        continue;
      }
      try {
        // Idle, past the retention of the last replaced chunks, and nothing left to do: stop
        // until writes resume.
        boolean worked = pass(mv, idle > 0);
        settled = !worked && idle > RETENTION_MS / PERIOD_MS + 1;
      } catch (RuntimeException e) {
        if (closed || mv.isClosed()) {
          return;
        }
        // Housekeeping failing costs space, not data; say so once, then only at debug.
        if (!warned) {
          warned = true;
          LOG.warn("ctrstore H2 housekeeping failed (the file may grow; data is unaffected): {}",
              e.toString());
        } else {
          LOG.debug("ctrstore H2 housekeeping failed again: {}", e.toString());
        }
      }
    }
  }

  /** One housekeeping pass; true if it rewrote anything. */
  private static boolean pass(MVStore mv, boolean idle) {
    FileStore<?> fs = mv.getFileStore();
    if (fs == null) {
      return false;
    }
    // H2 frees dead chunks only when it stores a commit; without commits (writes paused) they
    // would stay allocated, so free them here too (under H2's store lock, honouring retention).
    mv.executeFilestoreOperation(fs::dropUnusedChunks);
    boolean wrote = mv.compact(TARGET_FILL_RATE, REWRITE_BYTES);
    if (LOG.isTraceEnabled()) {
      LOG.trace("pass idle={} rewrote={} fill={} chunksFill={} size={}", idle, wrote,
          fs instanceof RandomAccessStore r ? r.getFillRate() : -1, fs.getChunksFillRate(), fs.size());
    }
    if (wrote) {
      fs.sync();
    }
    return wrote;
  }
}
