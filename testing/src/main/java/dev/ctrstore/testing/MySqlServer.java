package dev.ctrstore.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The MariaDB/MySQL server tests use, from the environment variable {@value #URL_ENV} or the
 * system property {@value #URL_PROPERTY} (e.g. {@code jdbc:mysql://127.0.0.1:3306/test?user=root}),
 * for tests that need a database of their own per test, or the server's address (to put a proxy
 * in front of it). Each {@link #freshDatabase()} is a database created for one test and dropped
 * by its {@link Database#close()}. Without a server, tests that need one are skipped with a loud
 * message, or fail when {@value #REQUIRE_ENV}{@code =true}. {@link MySqlTestDatabase} is the JUnit
 * extension for a database per test class.
 */
public final class MySqlServer {
  /** The environment variable naming the server's JDBC URL. */
  public static final String URL_ENV = "CTRSTORE_TEST_MYSQL_URL";
  /** The system property naming the server's JDBC URL (wins over the environment). */
  public static final String URL_PROPERTY = "ctrstore.test.mysql.url";
  /** The environment variable that, set to {@code true}, makes a missing server a failure. */
  public static final String REQUIRE_ENV = "CTRSTORE_REQUIRE_MYSQL";
  /** The system property that, set to {@code true}, makes a missing server a failure. */
  public static final String REQUIRE_PROPERTY = "ctrstore.test.requireMysql";

  private MySqlServer() {}

  /** The configured server URL, or null. */
  public static @Nullable String serverUrl() {
    String v = setting(URL_PROPERTY, URL_ENV);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** Whether a missing server must fail the tests rather than skip them. */
  public static boolean required() {
    String v = setting(REQUIRE_PROPERTY, REQUIRE_ENV);
    return v != null && v.trim().toLowerCase(Locale.ROOT).equals("true");
  }

  /** True when a server is configured; false (after a loud message) when not and not required. */
  public static boolean available() {
    if (serverUrl() != null) {
      return true;
    }
    if (required()) {
      throw new IllegalStateException(REQUIRE_ENV + "=true but no server: set " + URL_ENV);
    }
    System.err.println("!!! SKIPPING MariaDB/MySQL checks: set " + URL_ENV
        + " (e.g. jdbc:mysql://127.0.0.1:3306/test?user=root)");
    return false;
  }

  /** Skips the calling test (or fails it, when required) without a server. */
  public static void assume() {
    Assumptions.assumeTrue(available(), "no MariaDB/MySQL server configured (" + URL_ENV + ")");
  }

  /** A database created now, dropped by {@link Db#close()}. */
  public static Database freshDatabase() {
    assume();
    String server = serverUrl();
    String name = "ctrstore_rel_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on the server: " + e, e);
    }
    return new Database(server, name);
  }

  /** One test database on the configured server. */
  public static final class Database implements AutoCloseable {
    private final String server;
    private final String name;

    Database(String server, String name) {
      this.server = server;
      this.name = name;
    }

    /** The URL of this database on the configured server. */
    public String url() {
      return withHostPortAndDatabase(server, null, name);
    }

    /** The URL of this database reached through {@code 127.0.0.1:port} (a proxy). */
    public String urlVia(int port) {
      return withHostPortAndDatabase(server, "127.0.0.1:" + port, name);
    }

    /** The server's host and port, from the configured URL. */
    public String hostPort() {
      int scheme = server.indexOf("//") + 2;
      int end = scheme;
      while (end < server.length() && server.charAt(end) != '/' && server.charAt(end) != '?') {
        end++;
      }
      return server.substring(scheme, end);
    }

    /** Runs SQL directly on this database (not through a store). */
    public void execute(String sql) {
      try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e, e);
      }
    }

    /** The single number {@code sql} selects. */
    public long count(String sql) {
      try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
          var rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e, e);
      }
    }

    @Override
    public void close() {
      try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot drop test database " + name + ": " + e, e);
      }
    }
  }

  /** {@code url} with its database, and its host and port unless null, replaced. */
  public static String withHostPortAndDatabase(String url, @Nullable String hostPort,
      String database) {
    int scheme = url.indexOf("//");
    if (scheme < 0) {
      throw new IllegalArgumentException("not a jdbc:mysql://host/db URL");
    }
    int q = url.indexOf('?', scheme + 2);
    String head = q < 0 ? url : url.substring(0, q);
    String query = q < 0 ? "" : url.substring(q);
    int slash = head.indexOf('/', scheme + 2);
    String hostPart = slash < 0 ? head : head.substring(0, slash);
    if (hostPort != null) {
      hostPart = hostPart.substring(0, scheme + 2) + hostPort;
    }
    return hostPart + "/" + database + query;
  }

  static @Nullable String setting(String property, String env) {
    String v = System.getProperty(property);
    return v != null ? v : System.getenv(env);
  }
}
