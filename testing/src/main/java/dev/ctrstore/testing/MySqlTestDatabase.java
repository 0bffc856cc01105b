package dev.ctrstore.testing;

import dev.ctrstore.spi.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL-protocol database for one test class, in the style of jdbi3-testing's extensions:
 * {@code @RegisterExtension static final MySqlTestDatabase DB = new MySqlTestDatabase();} then
 * {@code DB.url()}.
 *
 * <p>Where the server comes from, in order:
 *
 * <ol>
 *   <li>the environment variable {@value #URL_ENV} or the system property {@value #URL_PROPERTY}
 *       (e.g. {@code jdbc:mysql://127.0.0.1:3306/test?user=root}): a fresh database {@code
 *       ctrstore_test_<random>} is created on that server (with the server's default,
 *       case-insensitive collation, on purpose) and dropped afterwards; if the user may not create
 *       databases, the URL's own database is used (tests use fresh namespaces anyway);
 *   <li>else, when Docker is available (and Testcontainers' {@code mysql} module is on the test
 *       class path), a MySQL 8 container from Testcontainers; the probe logs one line;
 *   <li>else the tests are skipped with a loud message, unless {@value #REQUIRE_ENV}{@code =true}
 *       (or {@value #REQUIRE_PROPERTY}{@code =true}), in which case they fail.
 * </ol>
 */
public final class MySqlTestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  /** See {@link MySqlServer#URL_ENV}. */
  public static final String URL_ENV = MySqlServer.URL_ENV;
  /** See {@link MySqlServer#URL_PROPERTY}. */
  public static final String URL_PROPERTY = MySqlServer.URL_PROPERTY;
  /** See {@link MySqlServer#REQUIRE_ENV}. */
  public static final String REQUIRE_ENV = MySqlServer.REQUIRE_ENV;
  /** See {@link MySqlServer#REQUIRE_PROPERTY}. */
  public static final String REQUIRE_PROPERTY = MySqlServer.REQUIRE_PROPERTY;

  private @Nullable String url;
  private @Nullable String serverUrl;
  private @Nullable String createdDatabase;
  private static final Logger LOG = LoggerFactory.getLogger(MySqlTestDatabase.class);

  private MySqlContainers.@Nullable Running container;
  private @Nullable String unavailable;
  /** How many test classes (the registering one and its @Nested ones) are running. */
  private int depth;

  /** The JDBC URL of this class's database; only valid between beforeAll and afterAll. */
  public String url() {
    if (url == null) {
      throw new IllegalStateException("no MySQL database: " + unavailable);
    }
    return url;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (depth++ > 0) {
      return; // a @Nested class inside the class that set the database up
    }
    String given = MySqlServer.serverUrl();
    if (given != null) {
      serverUrl = given;
      useServer(serverUrl);
      return;
    }
    String docker = dockerProbe();
    if (docker == null) {
      container = MySqlContainers.start();
      url = container.url();
      return;
    }
    unavailable = "no MySQL-protocol server: set " + URL_ENV + " (or -D" + URL_PROPERTY
        + "), e.g. jdbc:mysql://127.0.0.1:3306/test?user=root, or make Docker available ("
        + docker + ")";
    if (MySqlServer.required()) {
      throw new IllegalStateException(REQUIRE_ENV + "=true but " + unavailable);
    }
    System.err.println();
    System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
    System.err.println("!!! SKIPPING MySQL/MariaDB tests of " + context.getDisplayName() + ": "
        + unavailable);
    System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
    System.err.println();
  }

  /** Skips each test (so the count of skipped tests shows) when there is no server. */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (url == null) {
      Assumptions.abort("SKIPPED: " + unavailable);
    }
  }

  private void useServer(String given) throws SQLException {
    String name = "ctrstore_test_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    try (Connection c = DriverManager.getConnection(given); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
      createdDatabase = name;
      url = withDatabase(given, name);
    } catch (SQLException e) {
      if (e.getErrorCode() == 1044 || e.getErrorCode() == 1227) { // access denied
        System.err.println("MySqlTestDatabase: cannot create a database (" + e.getMessage()
            + "); using the URL's own database with fresh namespaces");
        url = given;
      } else {
        throw new SQLException("MySqlTestDatabase: cannot reach " + StoreConfig.maskInline(given) + ": "
            + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
      }
    }
  }

  /**
   * Null when Docker answers, else why not, in one line: Testcontainers is asked only when a
   * Docker endpoint exists, since its own failed search logs stack traces.
   */
  private static @Nullable String dockerProbe() {
    String host = System.getenv("DOCKER_HOST");
    boolean socket = Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    if ((host == null || host.isBlank()) && !socket) {
      String why = "no DOCKER_HOST and no Docker socket";
      LOG.info("MySqlTestDatabase: Docker not found ({})", why);
      return why;
    }
    try {
      if (MySqlContainers.dockerAvailable()) {
        return null;
      }
      String why = "Testcontainers found no working Docker environment";
      LOG.info("MySqlTestDatabase: {}", why);
      return why;
    } catch (LinkageError | RuntimeException e) {
      String why = "Testcontainers unusable: " + e;
      LOG.info("MySqlTestDatabase: {}", why);
      return why;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (--depth > 0) {
      return;
    }
    if (createdDatabase != null) {
      try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + createdDatabase);
      }
      createdDatabase = null;
    }
    if (container != null) {
      container.stop();
      container = null;
    }
    url = null;
  }

  /** {@code url} with its database (the path after host:port) replaced by {@code database}. */
  public static String withDatabase(String url, String database) {
    return MySqlServer.withHostPortAndDatabase(url, null, database);
  }
}
