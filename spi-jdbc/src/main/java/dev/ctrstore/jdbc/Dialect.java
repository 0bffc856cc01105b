package dev.ctrstore.jdbc;

import dev.ctrstore.InvalidArgumentException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the databases: where the migrations live, pool defaults, how a
 * transaction is opened, and which vendor error codes mean "duplicate key", "try again" and
 * "timed out". The SQL of reads and writes is in {@link Sql}, the same everywhere but for the
 * revision counter and row locks; the DDL is in {@code migration/<dialect>/}.
 */
enum Dialect {
  H2("h2", Connection.TRANSACTION_READ_COMMITTED) {
    @Override
    boolean isDuplicateKey(SQLException e) {
      return e.getErrorCode() == 23505 || "23505".equals(e.getSQLState());
    }

    @Override
    boolean isRetryable(SQLException e) {
      // 40001 deadlock, 50200 lock timeout, 90131 concurrent update (MVStore)
      int code = e.getErrorCode();
      return code == 40001 || code == 50200 || code == 90131 || "40001".equals(e.getSQLState());
    }

    @Override
    boolean isTimeout(SQLException e) {
      // 57014: statement cancelled (query timeout)
      return e.getErrorCode() == 57014 || "57014".equals(e.getSQLState());
    }

    @Override
    String lockTimeoutSql(long millis) {
      return "SET LOCK_TIMEOUT " + (millis < 0 ? DEFAULT_LOCK_TIMEOUT_MS : Math.min(millis, DEFAULT_LOCK_TIMEOUT_MS));
    }

    @Override
    Map<String, String> poolDefaults() {
      // Wait up to 10 s for a row lock held by another writer (a deadline still bounds it).
      return Map.of("maximumPoolSize", "10", "connectionInitSql", lockTimeoutSql(-1));
    }
  },

  MYSQL("mysql", Connection.TRANSACTION_REPEATABLE_READ) {
    @Override
    boolean isDuplicateKey(SQLException e) {
      return e.getErrorCode() == 1062 || e.getErrorCode() == 1586;
    }

    @Override
    boolean isRetryable(SQLException e) {
      // 1213 deadlock, 1205 lock wait timeout, 40001 serialization failure (also TiDB, Galera)
      int code = e.getErrorCode();
      return code == 1213 || code == 1205 || code == 1020 || "40001".equals(e.getSQLState());
    }

    @Override
    boolean isTimeout(SQLException e) {
      // 1317 query interrupted (Connector/J's query timeout), 3024 / 1969 max execution time
      int code = e.getErrorCode();
      return code == 1317 || code == 3024 || code == 1969 || "70100".equals(e.getSQLState());
    }

    @Override
    boolean boundsReadsWithNetworkTimeout() {
      return true;
    }

    @Override
    Map<String, String> poolDefaults() {
      return Map.ofEntries(
          Map.entry("maximumPoolSize", "10"),
          // Strict mode: an over-long value fails instead of being truncated (values are checked
          // in Java first, so this is a second line of defence).
          Map.entry("connectionInitSql", "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'"),
          // Binary columns make the connection charset moot for data; messages stay readable.
          Map.entry("dataSource.characterEncoding", "UTF-8"),
          // One round trip for the label rows of a container.
          Map.entry("dataSource.rewriteBatchedStatements", "true"),
          // Reuse the parse of each of the backend's few statement texts instead of parsing
          // every prepareStatement again (client-side prepared statements).
          Map.entry("dataSource.cachePrepStmts", "true"),
          Map.entry("dataSource.prepStmtCacheSize", "64"),
          Map.entry("dataSource.prepStmtCacheSqlLimit", "4096"),
          // No server round trip to read back autocommit and isolation the driver already knows.
          Map.entry("dataSource.useLocalSessionState", "true"),
          // A server that does not answer fails the connection attempt instead of hanging on it.
          Map.entry("dataSource.connectTimeout", "10000"),
          // The pool checks a connection that sat idle before lending it, and a call waits for
          // that check whatever its deadline: keep it short. A test query (rather than JDBC4
          // isValid, which Connector/J bounds to whole seconds) honours the 250 ms exactly.
          Map.entry("validationTimeout", "250"),
          Map.entry("connectionTestQuery", "/* ping */ SELECT 1"));
    }
  },

  /**
   * An embedded SQLite file through xerial's sqlite-jdbc, in WAL mode: one writer at a time per
   * file (across processes), readers never blocked. A write transaction starts with {@code BEGIN
   * IMMEDIATE}, taking the file's write lock before it reads anything, so two writers never
   * both read and then both wait to upgrade (SQLite's deadlock, reported as SQLITE_BUSY at once
   * whatever the busy timeout); a writer that finds the lock taken waits up to the busy timeout.
   */
  SQLITE("sqlite", Connection.TRANSACTION_SERIALIZABLE) {
    @Override
    boolean isDuplicateKey(SQLException e) {
      // SQLITE_CONSTRAINT (19) also covers NOT NULL and CHECK: only the key kinds count.
      return e instanceof org.sqlite.SQLiteException s
          && (s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
              || s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
    }

    @Override
    boolean isRetryable(SQLException e) {
      // 5 SQLITE_BUSY: the write lock stayed taken for the whole busy timeout (nothing was
      // written); 6 SQLITE_LOCKED: a conflict inside one connection's shared cache; and the
      // standard serialization failure, as on the other databases.
      int code = e.getErrorCode();
      return code == 5 || code == 6 || "40001".equals(e.getSQLState());
    }

    @Override
    boolean isTimeout(SQLException e) {
      // 9 SQLITE_INTERRUPT: the statement was interrupted. (sqlite-jdbc's query timeout is a
      // busy timeout: a deadline that passes while waiting for the write lock gives SQLITE_BUSY,
      // which the backend reports as DeadlineExceeded because the deadline has passed.)
      return e.getErrorCode() == 9;
    }

    @Override
    String begin(boolean write) {
      return write ? "BEGIN IMMEDIATE" : "BEGIN";
    }

    @Override
    boolean locksRowsWithForUpdate() {
      return false;
    }

    @Override
    boolean setsIsolationLevel() {
      return false;
    }

    @Override
    Map<String, String> poolDefaults() {
      return Map.ofEntries(
          // Writers take turns anyway (one write lock per file); readers run alongside.
          Map.entry("maximumPoolSize", "10"),
          // The durability promise: each commit is appended to the write-ahead log and the log
          // is fsynced before COMMIT returns (synchronous=FULL; NORMAL would sync only at
          // checkpoints and could lose the last commits on a power loss).
          Map.entry("dataSource.journal_mode", "WAL"),
          Map.entry("dataSource.synchronous", "FULL"),
          // How long a writer waits for another process's write lock (a deadline shortens it).
          Map.entry("dataSource.busy_timeout", Long.toString(DEFAULT_LOCK_TIMEOUT_MS)),
          // Otherwise the driver runs a query for the new rowid after every INSERT, UPDATE and
          // DELETE (4% of a write's CPU); nothing here reads generated keys on SQLite.
          Map.entry("dataSource.jdbc.get_generated_keys", "false"));
    }
  };

  /** H2's wait for a row lock when no deadline is shorter. */
  static final long DEFAULT_LOCK_TIMEOUT_MS = 10_000;

  private final String folder;
  private final int writeIsolation;

  Dialect(String folder, int writeIsolation) {
    this.folder = folder;
    this.writeIsolation = writeIsolation;
  }

  /** The dialect of a JDBC URL. */
  static Dialect of(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    if (u.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:")) {
      return MYSQL;
    }
    if (u.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    throw new InvalidArgumentException(JdbcStoreProvider.URL + ": unsupported database URL "
        + Urls.mask(url) + "; expected jdbc:h2:…, jdbc:sqlite:… or jdbc:mysql:… (MySQL 8,"
        + " MariaDB 10.6+)");
  }

  /** The Flyway location of this dialect's migrations. */
  String migrations() {
    return "classpath:dev/ctrstore/jdbc/migration/" + folder;
  }

  /** The folder of this dialect's migrations under {@code dev/ctrstore/jdbc/migration/}. */
  String folder() {
    return folder;
  }

  /** The isolation level of write transactions (reads use REPEATABLE READ). */
  int writeIsolation() {
    return writeIsolation;
  }

  abstract boolean isDuplicateKey(SQLException e);

  /** A deadlock, serialization failure or lock timeout: running the transaction again may work. */
  abstract boolean isRetryable(SQLException e);

  /** The statement was cancelled by its query timeout. */
  abstract boolean isTimeout(SQLException e);

  /**
   * A statement bounding this session's wait for row locks to {@code millis} (-1: the default),
   * or null where the query timeout already bounds lock waits (MySQL: Connector/J kills the query).
   */
  @Nullable String lockTimeoutSql(long millis) {
    return null;
  }

  /**
   * Whether a deadline also sets the connection's network (socket) timeout: true for drivers
   * that talk to a server over a socket, where a stalled network would otherwise block a call
   * past its deadline.
   */
  boolean boundsReadsWithNetworkTimeout() {
    return false;
  }

  /**
   * Whether transactions are opened with a statement ({@link #begin}) and closed with {@code
   * COMMIT} or {@code ROLLBACK}, autocommit staying on, instead of JDBC's {@code
   * setAutoCommit(false)} … {@code setAutoCommit(true)}: on MySQL JDBC's bracket costs two extra
   * round trips per transaction; on SQLite only a statement can say {@code BEGIN IMMEDIATE} for
   * writers and a plain {@code BEGIN} for readers. H2, embedded, has no round trips to save.
   */
  boolean bracketsTransactionsWithStatements() {
    return this != H2;
  }

  /**
   * The statement that opens a transaction where {@link #bracketsTransactionsWithStatements()}:
   * {@code write} for one that will write.
   */
  String begin(boolean write) {
    return "START TRANSACTION";
  }

  /**
   * Whether a read that the transaction will write after takes its row locks with {@code FOR
   * UPDATE}; false where the transaction already holds the only write lock there is (SQLite).
   */
  boolean locksRowsWithForUpdate() {
    return true;
  }

  /** Whether a bracketed transaction sets the session's isolation level first. */
  boolean setsIsolationLevel() {
    return true;
  }

  /** HikariCP properties this backend sets unless the user sets them. */
  abstract Map<String, String> poolDefaults();
}
