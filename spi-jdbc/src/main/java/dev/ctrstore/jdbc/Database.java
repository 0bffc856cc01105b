package dev.ctrstore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.pool.HikariPool;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one open store and what lives as long as they do: the pool, the connection
 * that keeps a named in-memory H2 database alive, the disk discipline of an H2 file ({@link
 * H2Durability}) and the queue of a SQLite file's writers ({@link WriterGate}). {@link #open} brings the schema up to date before the store is used; {@link
 * #close} releases everything, in the reverse order.
 */
final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final HikariPool pool;
  private final long connectionTimeoutMs;
  private final Errors errors;
  private final @Nullable Connection keeper;
  private final @Nullable H2Durability h2;
  private final @Nullable WriterGate writerGate;

  private Database(HikariPool pool, long connectionTimeoutMs, Errors errors,
      @Nullable Connection keeper, @Nullable H2Durability h2, @Nullable WriterGate writerGate) {
    this.pool = pool;
    this.connectionTimeoutMs = connectionTimeoutMs;
    this.errors = errors;
    this.keeper = keeper;
    this.h2 = h2;
    this.writerGate = writerGate;
  }

  /**
   * Connects, checks and migrates the schema ({@link Migrations}) and starts the H2 file
   * discipline; on any failure releases what it opened. Fails fast.
   */
  static Database open(JdbcSettings settings, Errors errors) {
    HikariConfig hc = settings.hikariConfig();
    GaleraSessions.configure(hc, settings.url(), settings.dialect(), settings.driverProperties(),
        settings.maskedUrl());
    Connection keeper = null;
    HikariPool pool = null;
    try {
      if (settings.dialect() == Dialect.SQLITE) {
        // SQLite creates the file but not its folder (H2 creates both): the default location,
        // ./ctrstore-data/, must work on a first open.
        Path parent = Path.of(WriterGate.fileKey(settings.url())).getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
      }
      if (settings.isH2Memory()) {
        // Opened before the pool so the database outlives every pooled connection.
        keeper = DriverManager.getConnection(settings.url(), settings.driverProperties());
      }
      pool = new HikariPool(hc);
      Migrations.apply(pool.getUnwrappedDataSource(), settings.dialect(), settings.migrate(), errors);
      H2Durability h2 = null;
      if (settings.isH2File()) {
        try (Connection c = pool.getConnection()) {
          h2 = H2Durability.startIfApplicable(c, hc.getPoolName());
        }
      }
      WriterGate gate = settings.dialect() == Dialect.SQLITE ? WriterGate.of(settings.url()) : null;
      return new Database(pool, hc.getConnectionTimeout(), errors, keeper, h2, gate);
    } catch (RuntimeException | SQLException | IOException e) {
      shutdown(pool);
      closeKeeper(keeper);
      if (e instanceof StoreException se) {
        throw se;
      }
      throw errors.map(e, "open " + JdbcStoreProvider.NAME + " store", Context.empty());
    }
  }

  /** A pooled connection, waiting at most the pool's {@code connectionTimeout} for one. */
  Connection borrow() throws SQLException {
    return pool.getConnection(connectionTimeoutMs);
  }

  /** A pooled connection, waiting at most {@code timeoutMs} for one. */
  Connection borrow(long timeoutMs) throws SQLException {
    return pool.getConnection(timeoutMs);
  }

  /** The pool's {@code connectionTimeout}: the longest wait for a connection. */
  long connectionTimeoutMs() {
    return connectionTimeoutMs;
  }

  /** Closes {@code c} for good instead of returning it to the pool. */
  void evict(Connection c) {
    pool.evictConnection(c);
  }

  /**
   * Makes a committed write durable where the database does not do it itself (an H2 file). The
   * write is committed and visible; only its durability is in doubt if forcing fails (a disk
   * error), so the caller learns the outcome is unknown rather than that nothing happened.
   */
  void afterCommit(Connection c, String what) {
    if (h2 == null) {
      return;
    }
    try {
      h2.afterCommit(c);
    } catch (SQLException | RuntimeException e) {
      throw new StoreException(ErrorKind.UNKNOWN, what + ": committed, but forcing it to disk"
          + " failed on " + errors.url() + "; the write may not survive a power loss (" + e + ")", e);
    }
  }

  /** The queue of this JVM's writers to a SQLite file, or null for other databases. */
  @Nullable WriterGate writerGate() {
    return writerGate;
  }

  /** The H2 file discipline in force, or null. */
  @Nullable H2Durability h2() {
    return h2;
  }

  @Override
  public void close() {
    if (h2 != null) {
      h2.close();
    }
    try {
      shutdown(pool);
    } finally {
      closeKeeper(keeper);
    }
  }

  private static void shutdown(@Nullable HikariPool pool) {
    if (pool == null) {
      return;
    }
    try {
      pool.shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeKeeper(@Nullable Connection keeper) {
    if (keeper == null) {
      return;
    }
    try {
      keeper.close();
    } catch (SQLException e) {
      LOG.debug("closing the keeper connection: {}", e.toString());
    }
  }
}
