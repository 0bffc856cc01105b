package dev.ctrstore.jdbc;

import dev.ctrstore.InvalidArgumentException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the databases: where the migrations live, pool defaults, and which vendor
 * error codes mean "duplicate key", "try again" and "timed out". The SQL of reads and writes is
 * the same everywhere (see {@link Sql}); the DDL is in {@code migration/<dialect>/}.
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
    boolean bracketsTransactionsWithStatements() {
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
    throw new InvalidArgumentException(JdbcStoreProvider.URL + ": unsupported database URL "
        + Urls.mask(url) + "; expected jdbc:h2:… or jdbc:mysql:… (MySQL 8, MariaDB 10.6+)");
  }

  /** The Flyway location of this dialect's migrations. */
  String migrations() {
    return "classpath:dev/ctrstore/jdbc/migration/" + folder;
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
   * Whether transactions are opened with {@code START TRANSACTION} and closed with {@code COMMIT}
   * or {@code ROLLBACK} statements, autocommit staying on, instead of JDBC's {@code
   * setAutoCommit(false)} … {@code setAutoCommit(true)}, which costs two extra round trips per
   * transaction with a server; an embedded database has no round trips to save.
   */
  boolean bracketsTransactionsWithStatements() {
    return false;
  }

  /** HikariCP properties this backend sets unless the user sets them. */
  abstract Map<String, String> poolDefaults();
}
