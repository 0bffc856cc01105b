package dev.ctrstore.jdbc;

import dev.ctrstore.Context;
import dev.ctrstore.UnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock that lets one store at a time migrate the schema, as a lease in an ordinary table
 * ({@value #TABLE}): one row, taken with an insert that only one writer can make (its primary
 * key), held by a random holder id until {@code expires_at} (milliseconds since the epoch),
 * renewed while the migration runs and deleted after it. A lease that expired is taken over with
 * an update conditional on the holder and expiry read, so a holder that died blocks the others
 * for one lease at most.
 *
 * <p>A row in an InnoDB table is what every engine replicates: Flyway's own MySQL lock, {@code
 * GET_LOCK}, is local to one server, so on a Galera cluster two nodes each granted it and ran a
 * migration together. On Galera two conflicting inserts or takeovers on different nodes cannot
 * both commit (the later fails certification), and a node applies every earlier write, the
 * previous holder's migration included, before its own commit of the lock row returns. Hosts'
 * clocks must agree to well within a lease.
 */
final class SchemaLock implements AutoCloseable {
  static final String TABLE = "ctrstore_schema_lock";
  static final String NAME = "schema";
  static final Duration LEASE = Duration.ofSeconds(30);
  /** How long an open waits for another store's migration before giving up. */
  static final Duration MAX_WAIT = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(SchemaLock.class);

  private final DataSource dataSource;
  private final Errors errors;
  private final Duration lease;
  private final String holder = UUID.randomUUID().toString();
  private final Thread renewer;
  /** Counted down to stop the renewer; it is never interrupted (that closes H2's file channel). */
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile boolean held;
  private volatile boolean lost;

  private SchemaLock(DataSource dataSource, Errors errors, Duration lease) {
    this.dataSource = dataSource;
    this.errors = errors;
    this.lease = lease;
    this.renewer = new Thread(this::renewWhileHeld, "ctrstore-schema-lock-renewer");
    this.renewer.setDaemon(true);
  }

  /** Waits for the lock and holds it, renewing it, until {@link #close()}. */
  static SchemaLock acquire(DataSource dataSource, Errors errors) {
    return acquire(dataSource, errors, LEASE, MAX_WAIT);
  }

  static SchemaLock acquire(DataSource dataSource, Errors errors, Duration lease, Duration maxWait) {
    SchemaLock lock = new SchemaLock(dataSource, errors, lease);
    lock.take(maxWait);
    lock.renewer.start();
    return lock;
  }

  /** The id of this lock's holder (in the table while held). */
  String holder() {
    return holder;
  }

  /** Whether another store took the lease over while this one held it (its renewals failed). */
  boolean lost() {
    return lost;
  }

  private void take(Duration maxWait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    String seen = null;
    long sleep = 50;
    while (true) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        createTable(c);
        if (insert(c) || takeOverExpired(c)) {
          held = true;
          LOG.debug("schema lock {} taken by {}", errors.url(), holder);
          return;
        }
        String now = currentHolder(c);
        if (now != null && !now.equals(seen)) {
          LOG.info("ctrstore schema migration: waiting for the schema lock on {}, held by {}",
              errors.url(), now);
          seen = now;
        }
      } catch (SQLException e) {
        // A lost race on the row (duplicate key, deadlock, certification failure) is simply
        // "not taken yet"; an unreachable database is not worth waiting for.
        if (Errors.isConnectionFailure(e) || Errors.isCredentialsRefused(e)) {
          throw errors.map(e, "schema migration lock", Context.empty());
        }
        LOG.debug("schema lock {}: {}", errors.url(), e.toString());
      }
      if (System.nanoTime() > deadline) {
        throw new UnavailableException("database " + errors.url() + ": the ctrstore schema lock ("
            + TABLE + ") was held by another store for more than " + maxWait.toSeconds()
            + " s while it migrated the schema");
      }
      try {
        Thread.sleep(sleep + ThreadLocalRandom.current().nextLong(sleep));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("database " + errors.url()
            + ": interrupted while waiting for the ctrstore schema lock", e);
      }
      sleep = Math.min(500, sleep * 2);
    }
  }

  /** Creates the lock table if missing: idempotent, safe for any number of stores at once. */
  static void createTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (name VARCHAR(32) NOT NULL,"
          + " holder VARCHAR(64) NOT NULL, expires_at BIGINT NOT NULL, PRIMARY KEY (name))");
    }
  }

  private boolean insert(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + TABLE + " (name, holder, expires_at) VALUES (?, ?, ?)")) {
      ps.setString(1, NAME);
      ps.setString(2, holder);
      ps.setLong(3, System.currentTimeMillis() + lease.toMillis());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (errors.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  private boolean takeOverExpired(Connection c) throws SQLException {
    String oldHolder;
    long oldExpiry;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT holder, expires_at FROM " + TABLE + " WHERE name = ?")) {
      ps.setString(1, NAME);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false; // released meanwhile: the next insert may win
        }
        oldHolder = rs.getString(1);
        oldExpiry = rs.getLong(2);
      }
    }
    long now = System.currentTimeMillis();
    if (oldExpiry >= now) {
      return false;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
        + " SET holder = ?, expires_at = ? WHERE name = ? AND holder = ? AND expires_at = ?")) {
      ps.setString(1, holder);
      ps.setLong(2, now + lease.toMillis());
      ps.setString(3, NAME);
      ps.setString(4, oldHolder);
      ps.setLong(5, oldExpiry);
      if (ps.executeUpdate() == 1) {
        LOG.warn("ctrstore schema migration: took over the schema lock on {} from {}, whose lease"
            + " expired {} ms ago (a store that died while migrating?)", errors.url(), oldHolder,
            now - oldExpiry);
        return true;
      }
      return false;
    }
  }

  private @Nullable String currentHolder(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT holder FROM " + TABLE + " WHERE name = ?")) {
      ps.setString(1, NAME);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private void renewWhileHeld() {
    long period = Math.max(100, lease.toMillis() / 4);
    while (held) {
      try {
        if (stop.await(period, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(
              "UPDATE " + TABLE + " SET expires_at = ? WHERE name = ? AND holder = ?")) {
        c.setAutoCommit(true);
        ps.setLong(1, System.currentTimeMillis() + lease.toMillis());
        ps.setString(2, NAME);
        ps.setString(3, holder);
        if (ps.executeUpdate() == 0 && held) {
          lost = true;
          LOG.error("ctrstore schema migration: the schema lock on {} was taken over while this"
              + " store ({}) held it; its lease of {} ms was not renewed in time", errors.url(),
              holder, lease.toMillis());
          return;
        }
      } catch (SQLException e) {
        LOG.warn("ctrstore schema migration: renewing the schema lock on {} failed: {}",
            errors.url(), e.toString());
      }
    }
  }

  /** Releases the lock (deletes the row if this store still holds it). */
  @Override
  public void close() {
    held = false;
    stop.countDown();
    try {
      renewer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "DELETE FROM " + TABLE + " WHERE name = ? AND holder = ?")) {
      c.setAutoCommit(true);
      ps.setString(1, NAME);
      ps.setString(2, holder);
      ps.executeUpdate();
    } catch (SQLException e) {
      // The lease expires by itself; the next store waits for it at most once.
      LOG.warn("ctrstore schema migration: releasing the schema lock on {} failed ({}); it"
          + " expires within {} ms", errors.url(), e.toString(), lease.toMillis());
    }
  }
}
