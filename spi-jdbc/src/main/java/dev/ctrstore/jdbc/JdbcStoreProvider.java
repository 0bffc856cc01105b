package dev.ctrstore.jdbc;

import dev.ctrstore.Context;
import dev.ctrstore.StoreInfo;
import java.sql.Connection;
import java.sql.SQLException;

import com.google.auto.service.AutoService;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.StoreException;
import dev.ctrstore.spi.EventRetention;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.spi.StoreProvider;
import java.util.Set;

/**
 * The {@code jdbc} backend: containers in a relational database through JDBC, with a HikariCP
 * connection pool. Supported: embedded H2 2.x ({@code jdbc:h2:file:…}, {@code jdbc:h2:mem:<name>}),
 * embedded SQLite 3 files through xerial's sqlite-jdbc ({@code jdbc:sqlite:PATH}, several
 * processes may share one) and MySQL 8 / MariaDB 10.6+ through MySQL Connector/J ({@code
 * jdbc:mysql://…}); the dialect follows from the URL.
 *
 * <h2>Configuration</h2>
 *
 * <ul>
 *   <li>{@value #URL}: the JDBC URL. Default {@value #DEFAULT_URL}: a SQLite database in the
 *       working directory (its folder created if missing), so a store opens with no
 *       configuration at all, and several processes can share it.
 *   <li>{@value #USERNAME}, {@value #PASSWORD}: credentials (they may also be in the URL). The
 *       password never appears in a log line or a message; URLs in messages are masked.
 *   <li>{@code ctrstore.jdbc.pool.<property>}: HikariCP settings, by their HikariCP names
 *       ({@code maximumPoolSize}, {@code connectionTimeout}, {@code dataSource.<driver
 *       property>}, …). An unknown name fails the open with {@link InvalidArgumentException}.
 *   <li>{@value #METRIC_REGISTRY}, an object set in code with {@link
 *       dev.ctrstore.Stores.Builder#option}: a Micrometer {@code MeterRegistry} (or a Dropwizard
 *       {@code MetricRegistry}) that HikariCP's own metrics tracker publishes the pool's metrics
 *       in ({@code hikaricp.connections}, {@code hikaricp.connections.active}, … tagged {@code
 *       pool}, the pool name, {@code ctrstore-1} unless {@code ctrstore.jdbc.pool.poolName} sets
 *       it). The meters are removed when the store closes. {@code
 *       ctrstore.jdbc.pool.healthCheckRegistry} and {@code metricsTrackerFactory} are passed on
 *       the same way.
 *   <li>{@value #MIGRATE} ({@code true} or {@code false}, default {@code true}): bring the schema
 *       to the latest version when opening. With {@code false}, a missing or older schema fails
 *       the open with {@link dev.ctrstore.FailedPreconditionException}.
 *   <li>{@value #RETENTION}: how long the change log keeps events, a duration, a count per
 *       namespace or both ({@code 1h}, {@code 100000}, {@code 1h,100000}; see {@link
 *       EventRetention}). Default {@value #DEFAULT_RETENTION}. Every store open on a database
 *       compacts all of its namespaces, so the shortest retention among them is in force.
 * </ul>
 *
 * With a multi-host MySQL URL ({@code jdbc:mysql://h1,h2,h3/db}), Connector/J's {@code
 * failOverReadOnly} is set to {@code false} unless the URL or {@code
 * ctrstore.jdbc.pool.dataSource.failOverReadOnly} sets it: the driver's default ({@code true})
 * leaves the connection read-only after it fails over, and every write fails from then on.
 *
 * Each key can be overridden from the environment ({@code CTRSTORE_JDBC_URL}, …).
 *
 * <h2>Schema</h2>
 *
 * Versioned migrations (Flyway) with their own history table {@code ctrstore_schema_history},
 * run at open. A database whose schema is newer than this library knows is refused with {@link
 * dev.ctrstore.FailedPreconditionException} and never written to. The tables are {@code
 * ctr_container} and {@code ctr_label}; every string is stored as its UTF-8 bytes in binary
 * columns, so comparisons and ordering are byte-exact whatever the server collation.
 *
 * <h2>Guarantees</h2>
 *
 * Every write is one transaction: a container with its labels and extensions changes whole or
 * not at all, together with the namespace's revision counter and its change-log row.
 * Revisions of a namespace follow commit order and have no gaps; a waiting watch polls the
 * namespace's counter (every {@value EventLog#POLL_MILLIS} ms), reads the log when it moved, and
 * sees writes of every process on the database. Updates lock the container row, and a write that
 * meets a deadlock or serialization failure is run again (a bounded number of times, after a jittered exponential
 * back-off that never outlasts the call's deadline); a conflict that outlives the retries gives
 * {@link dev.ctrstore.AbortedException} (nothing was written, retrying is safe). Concurrent
 * creates of one id give exactly one success. Errors: an unreachable database gives {@link
 * dev.ctrstore.UnavailableException} naming the (masked) URL; credentials the server refuses
 * give {@link dev.ctrstore.FailedPreconditionException} saying so; a {@link dev.ctrstore.Context} deadline bounds
 * the wait for a connection and each statement's timeout and gives {@link
 * dev.ctrstore.DeadlineExceededException} (a write that fails so was rolled back); any other
 * database failure is a {@link StoreException} of kind {@code UNKNOWN} with the SQLState.
 *
 * <h2>Durability</h2>
 *
 * A write that returned has been committed. What it survives is the database's business:
 *
 * <ul>
 *   <li>MySQL/MariaDB (InnoDB): with {@code innodb_flush_log_at_trx_commit=1} (the default, and
 *       required for this guarantee) the commit is flushed to disk before it returns, so it
 *       survives a crash of the server or the machine; with 0 or 2 up to about a second of
 *       commits can be lost on a crash.
 *   <li>H2, file URLs: H2 writes a commit to its file after a delay ({@code WRITE_DELAY},
 *       500 ms by default), so the last half second of writes can be lost with the process. With
 *       {@code ;WRITE_DELAY=0} in the URL H2 writes each commit to the file before it returns,
 *       and this backend forces the file to the disk ({@code fsync}) after each committed write,
 *       so a returned write survives the process, the operating system and a power loss (if the
 *       disk honours flushes). In that mode the backend also reclaims the file's dead space
 *       itself, which H2 does only with a write delay. H2 2.3.232 has an open defect: a file
 *       reopened seconds after it was closed can lose its last write (docs/durability.md).
 *   <li>SQLite files (the default): opened in WAL mode with {@code synchronous=FULL} (unless the
 *       URL or a pool {@code dataSource.} setting says otherwise), so each commit is in the
 *       {@code fsync}ed write-ahead log before it returns and survives the process, the
 *       operating system and a power loss (if the disk honours flushes). Concurrent writes of
 *       one store share a commit and its {@code fsync}, each returning after it. Writers start
 *       with {@code BEGIN IMMEDIATE} and wait for another process's write lock up to the {@code
 *       busy_timeout} (10 s, or the call's deadline); in-memory and temporary SQLite databases
 *       are refused.
 *   <li>H2, {@code mem:} URLs: nothing survives the process. A named in-memory database lives
 *       as long as the store that opened it (or the JVM, with {@code DB_CLOSE_DELAY=-1}); an
 *       unnamed one ({@code jdbc:h2:mem:}) is private to one connection and is refused.
 * </ul>
 *
 * On MySQL/MariaDB, the largest container record is bounded by the server's {@code
 * max_allowed_packet} (MariaDB default 16 MiB, MySQL 8 default 64 MiB): the INSERT or UPDATE of
 * a record carries its binary values hex-encoded, so a record may hold about half of it (the
 * conformance kit checks (max_allowed_packet - 1 MiB) / 2, 7.5 MiB on MariaDB's default).
 */
@AutoService(StoreProvider.class)
public final class JdbcStoreProvider implements StoreProvider {
  /** The provider name, for {@code ctrstore.backend}. */
  public static final String NAME = "jdbc";
  /** The JDBC URL. */
  public static final String URL = "ctrstore.jdbc.url";
  /** The database user. */
  public static final String USERNAME = "ctrstore.jdbc.username";
  /** The database password; never logged. */
  public static final String PASSWORD = "ctrstore.jdbc.password";
  /** Whether to migrate the schema at open ({@code true} by default). */
  public static final String MIGRATE = "ctrstore.jdbc.migrate";
  /** The prefix of HikariCP settings. */
  public static final String POOL_PREFIX = "ctrstore.jdbc.pool.";
  /** The key of the change log's retention; see {@link EventRetention} for its forms. */
  public static final String RETENTION = "ctrstore.jdbc.events.retention";
  /** The retention when {@link #RETENTION} is not set: an hour, and 100,000 events per namespace. */
  public static final String DEFAULT_RETENTION = "1h,100000";
  /**
   * The object-valued setting ({@link dev.ctrstore.Stores.Builder#option}) of the registry the
   * pool publishes its metrics in: a Micrometer {@code MeterRegistry}.
   */
  public static final String METRIC_REGISTRY = POOL_PREFIX + "metricRegistry";
  /**
   * The URL used when none is configured: a SQLite file under the working directory, which
   * several processes may open at once and which passes the crash tests H2 2.3.232 fails on
   * reopen (README, "Choosing the embedded database").
   */
  public static final String DEFAULT_URL = "jdbc:sqlite:./ctrstore-data/ctrstore.db";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> keys() {
    return Set.of(URL, USERNAME, PASSWORD, MIGRATE, RETENTION, POOL_PREFIX + "*");
  }

  @Override
  public Storage open(StoreConfig config) {
    return openStorage(config);
  }

  /** Opens the storage: settings, pool, schema check and migration. Fails fast. */
  static JdbcStorage openStorage(StoreConfig config) {
    JdbcSettings settings = JdbcSettings.from(config);
    Errors errors = new Errors(settings.dialect(), settings.maskedUrl());
    Database db = Database.open(settings, errors);
    StoreInfo info;
    try (Connection c = db.borrow()) {
      info = JdbcInfo.read(c, settings.dialect(), settings.maskedUrl());
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw errors.map(e, "open " + NAME + " store", Context.empty());
    }
    return new JdbcStorage(settings.dialect(), errors, db, info, settings.retention());
  }
}
