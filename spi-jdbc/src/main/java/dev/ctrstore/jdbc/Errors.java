package dev.ctrstore.jdbc;

import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.StoreException;
import dev.ctrstore.UnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;

/** Turns JDBC, JDBI and pool failures into the store's error kinds. Messages never hold a password. */
final class Errors {
  private final Dialect dialect;
  private final String maskedUrl;

  Errors(Dialect dialect, String maskedUrl) {
    this.dialect = dialect;
    this.maskedUrl = maskedUrl;
  }

  String url() {
    return maskedUrl;
  }

  /** The first SQLException in the cause chain, or null. */
  static @Nullable SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** True for failures of the database or the driver, as opposed to exceptions of the work itself. */
  static boolean fromDatabase(RuntimeException e) {
    return e instanceof JdbiException || sqlCause(e) != null;
  }

  boolean isRetryable(Throwable e) {
    SQLException s = sqlCause(e);
    for (SQLException x = s; x != null; x = x.getNextException()) {
      if (dialect.isRetryable(x)) {
        return true;
      }
    }
    return false;
  }

  boolean isDuplicateKey(Throwable e) {
    SQLException s = sqlCause(e);
    for (SQLException x = s; x != null; x = x.getNextException()) {
      if (dialect.isDuplicateKey(x)) {
        return true;
      }
    }
    return false;
  }

  /** {@code e}, raised while doing {@code what} in {@code ctx}, as a StoreException. */
  StoreException map(Throwable e, String what, Context ctx) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof StoreException se) {
        return se;
      }
    }
    SQLException s = sqlCause(e);
    String detail = s == null
        ? e.getClass().getSimpleName() + ": " + Urls.mask(String.valueOf(e.getMessage()))
        : "SQLState " + s.getSQLState() + ", error " + s.getErrorCode() + ": "
            + Urls.mask(String.valueOf(s.getMessage()));
    if (s != null && (s instanceof SQLTimeoutException || dialect.isTimeout(s))) {
      if (ctx.deadline() != null) {
        return new DeadlineExceededException(
            what + ": deadline " + ctx.deadline() + " exceeded (" + detail + ")", e);
      }
      return new StoreException(ErrorKind.UNKNOWN, what + ": statement timed out on "
          + maskedUrl + " (" + detail + ")", e);
    }
    if (s != null && isCredentialsRefused(s)) {
      return new FailedPreconditionException(what + ": the database at " + maskedUrl
          + " refused the credentials (check " + JdbcStoreProvider.USERNAME + " and "
          + JdbcStoreProvider.PASSWORD + "; " + detail + ")", e);
    }
    if (s != null && isConnectionFailure(s)) {
      if (ctx.isExpired()) {
        return new DeadlineExceededException(what + ": deadline " + ctx.deadline()
            + " exceeded while waiting for a connection to " + maskedUrl + " (" + detail + ")", e);
      }
      return new UnavailableException(
          what + ": cannot reach database " + maskedUrl + " (" + detail + ")", e);
    }
    if (ctx.isExpired()) {
      return new DeadlineExceededException(
          what + ": deadline " + ctx.deadline() + " exceeded (" + detail + ")", e);
    }
    return new StoreException(ErrorKind.UNKNOWN, what + " failed on " + maskedUrl + " (" + detail + ")", e);
  }

  /**
   * The server refused the login: SQLState class 28 (invalid authorization, MySQL/MariaDB error
   * 1045 and H2 alike). Not a network failure: retrying with the same credentials cannot help.
   */
  static boolean isCredentialsRefused(SQLException s) {
    for (SQLException x = s; x != null; x = x.getNextException()) {
      String state = x.getSQLState();
      if (state != null && state.startsWith("28")) {
        return true;
      }
      if (x.getNextException() == x) {
        break;
      }
    }
    return false;
  }

  static boolean isConnectionFailure(SQLException s) {
    String state = s.getSQLState();
    return s instanceof SQLTransientConnectionException
        || s instanceof SQLNonTransientConnectionException
        || (state != null && state.startsWith("08"))
        || isClosedByPool(s);
  }

  /**
   * HikariCP's answer on a connection it already closed because the link broke (evicted after a
   * network failure): a plain SQLException with no SQLState, which would otherwise read as an
   * unknown failure although the database was simply unreachable.
   */
  static boolean isClosedByPool(SQLException s) {
    return s.getSQLState() == null && HIKARI_CLOSED.equals(s.getMessage());
  }

  private static final String HIKARI_CLOSED = "Connection is closed";

  static String describe(String what, String namespace) {
    return what + " in namespace " + Quote.of(namespace);
  }

  /** E.g. {@code update of container "x" in namespace "y"}. */
  static String describe(String operation, String id, String namespace) {
    return describe(operation + " of container " + Quote.of(id), namespace);
  }
}
