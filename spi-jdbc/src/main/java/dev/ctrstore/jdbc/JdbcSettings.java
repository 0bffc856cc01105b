package dev.ctrstore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.spi.EventRetention;
import dev.ctrstore.spi.StoreConfig;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code ctrstore.jdbc.*} configuration, read and checked once at open: the URL and its
 * dialect, whether to migrate, the change log's retention, and the HikariCP properties (the dialect's defaults under the
 * user's settings, credentials included). Invalid settings fail with {@link
 * InvalidArgumentException} naming the key, before any connection is made.
 */
final class JdbcSettings {
  private static final AtomicInteger POOLS = new AtomicInteger();
  private static final String H2_MEMORY = "jdbc:h2:mem:";
  /**
   * Connector/J's default {@code failOverReadOnly=true} makes a multi-host connection read-only
   * once it fails over to another host, so every write fails until the first host is back (a
   * Galera cluster whose node died: writes never recovered). On such a URL the backend sets it
   * to false unless the URL or {@code ctrstore.jdbc.pool.dataSource.failOverReadOnly} sets it.
   */
  static final String FAIL_OVER_READ_ONLY = "failOverReadOnly";

  private final String url;
  private final String maskedUrl;
  private final Dialect dialect;
  private final boolean migrate;
  private final Properties pool;
  private final Map<String, Object> poolObjects;
  private final EventRetention retention;

  private JdbcSettings(String url, Dialect dialect, boolean migrate, Properties pool,
      Map<String, Object> poolObjects, EventRetention retention) {
    this.url = url;
    this.retention = retention;
    this.maskedUrl = Urls.mask(url);
    this.dialect = dialect;
    this.migrate = migrate;
    this.pool = pool;
    this.poolObjects = poolObjects;
  }

  static JdbcSettings from(StoreConfig config) {
    String url = config.get(JdbcStoreProvider.URL).map(String::trim).filter(s -> !s.isEmpty())
        .orElse(null);
    if (url == null) {
      url = JdbcStoreProvider.DEFAULT_URL;
      PreviousDefault.refuseToHideIt();
    }
    Dialect dialect = Dialect.of(url);
    String masked = Urls.mask(url);
    if (isH2Memory(url) && unnamedH2Memory(url)) {
      throw new InvalidArgumentException(JdbcStoreProvider.URL + ": " + masked + " is an unnamed"
          + " in-memory H2 database, private to each connection; name it, e.g. jdbc:h2:mem:ctrstore");
    }
    if (dialect == Dialect.SQLITE && privateSqlite(url)) {
      throw new InvalidArgumentException(JdbcStoreProvider.URL + ": " + masked + " is a private"
          + " SQLite database (in memory or temporary), a new one for each connection; name a"
          + " file, e.g. jdbc:sqlite:./ctrstore-data/ctrstore.db");
    }
    try {
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new InvalidArgumentException(JdbcStoreProvider.URL + ": no JDBC driver on the class"
          + " path accepts " + masked, e);
    }
    Properties pool = poolProperties(config, dialect, url);
    pool.setProperty("jdbcUrl", url);
    config.get(JdbcStoreProvider.USERNAME).ifPresent(u -> pool.setProperty("username", u));
    config.get(JdbcStoreProvider.PASSWORD).ifPresent(p -> pool.setProperty("password", p));
    if (pool.getProperty("poolName") == null) {
      pool.setProperty("poolName", "ctrstore-" + POOLS.incrementAndGet());
    }
    EventRetention retention = EventRetention.parse(JdbcStoreProvider.RETENTION,
        config.get(JdbcStoreProvider.RETENTION, JdbcStoreProvider.DEFAULT_RETENTION));
    JdbcSettings settings = new JdbcSettings(url, dialect,
        config.getBoolean(JdbcStoreProvider.MIGRATE, true), pool,
        config.objectsWithPrefix(JdbcStoreProvider.POOL_PREFIX), retention);
    settings.hikariConfig(); // an unknown or malformed pool property fails here, not at connect
    return settings;
  }

  String url() {
    return url;
  }

  /** The URL with every password masked, for messages and logs. */
  String maskedUrl() {
    return maskedUrl;
  }

  Dialect dialect() {
    return dialect;
  }

  /** {@value JdbcStoreProvider#MIGRATE}: migrate the schema at open. */
  boolean migrate() {
    return migrate;
  }

  /** {@value JdbcStoreProvider#RETENTION}: how long the change log keeps events. */
  EventRetention retention() {
    return retention;
  }

  /** A named in-memory H2 database, which lives only while a connection to it is open. */
  boolean isH2Memory() {
    return isH2Memory(url);
  }

  /** An embedded H2 database in a file. */
  boolean isH2File() {
    return dialect == Dialect.H2 && !isH2Memory();
  }

  /** A new pool configuration (HikariConfig is mutable; each open gets its own). */
  HikariConfig hikariConfig() {
    HikariConfig hc;
    try {
      hc = new HikariConfig(copy(pool));
    } catch (RuntimeException e) {
      throw new InvalidArgumentException(JdbcStoreProvider.POOL_PREFIX + "*: " + e.getMessage()
          + " (keys under " + JdbcStoreProvider.POOL_PREFIX + " are HikariCP property names)", e);
    }
    poolObjects.forEach((name, value) -> setObject(hc, name, value));
    return hc;
  }

  /**
   * An object-valued pool setting ({@code Stores.Builder.option}): HikariCP's metrics and
   * health-check registries, or its metrics tracker factory. HikariCP checks a registry's type.
   */
  private static void setObject(HikariConfig hc, String name, Object value) {
    String key = JdbcStoreProvider.POOL_PREFIX + name;
    try {
      switch (name) {
        case "metricRegistry" -> hc.setMetricRegistry(value);
        case "healthCheckRegistry" -> hc.setHealthCheckRegistry(value);
        case "metricsTrackerFactory" -> {
          if (!(value instanceof MetricsTrackerFactory f)) {
            throw new IllegalArgumentException("expected a HikariCP MetricsTrackerFactory, got "
                + value.getClass().getName());
          }
          hc.setMetricsTrackerFactory(f);
        }
        default -> throw new IllegalArgumentException("no HikariCP setting of this name takes an"
            + " object (metricRegistry, healthCheckRegistry and metricsTrackerFactory do); give"
            + " text settings as configuration values");
      }
    } catch (RuntimeException e) {
      throw new InvalidArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  /** What the pool gives the driver: the {@code dataSource.*} properties and the credentials. */
  Properties driverProperties() {
    HikariConfig hc = hikariConfig();
    Properties p = new Properties();
    p.putAll(hc.getDataSourceProperties());
    if (hc.getUsername() != null) {
      p.setProperty("user", hc.getUsername());
    }
    if (hc.getPassword() != null) {
      p.setProperty("password", hc.getPassword());
    }
    return p;
  }

  private static Properties poolProperties(StoreConfig config, Dialect dialect, String url) {
    Properties props = new Properties();
    props.putAll(dialect.poolDefaults());
    Map<String, String> user = config.withPrefix(JdbcStoreProvider.POOL_PREFIX);
    for (String k : user.keySet()) {
      if (k.equalsIgnoreCase("jdbcUrl") || k.equalsIgnoreCase("username")
          || k.equalsIgnoreCase("password") || k.equalsIgnoreCase("dataSourceClassName")) {
        throw new InvalidArgumentException(JdbcStoreProvider.POOL_PREFIX + k + ": set "
            + JdbcStoreProvider.URL + ", " + JdbcStoreProvider.USERNAME + " or "
            + JdbcStoreProvider.PASSWORD + " instead");
      }
    }
    PoolKeys.check(user);
    props.putAll(user);
    if (isMySqlMultiHost(url) && !mentions(url, FAIL_OVER_READ_ONLY)
        && user.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("dataSource." + FAIL_OVER_READ_ONLY))) {
      props.setProperty("dataSource." + FAIL_OVER_READ_ONLY, "false");
    }
    return props;
  }

  /**
   * Connector/J's multi-host (failover) form, {@code jdbc:mysql://h1,h2,h3/db}: more than one host
   * in the authority, which runs to the first {@code /}, {@code ?} or {@code #} (as the driver
   * parses it). Hosts are separated by commas outside parentheses, so the key-value form {@code
   * (host=h1,port=3306)} is one host and {@code [h1,h2]} two. Load-balancing and replication
   * URLs ({@code jdbc:mysql:loadbalance:}, {@code jdbc:mysql:replication:}) are other connection
   * types, not matched.
   */
  static boolean isMySqlMultiHost(String url) {
    String prefix = "jdbc:mysql://";
    if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return false;
    }
    int depth = 0;
    for (int i = prefix.length(); i < url.length(); i++) {
      char ch = url.charAt(i);
      if (depth == 0 && (ch == '/' || ch == '?' || ch == '#')) {
        return false;
      }
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth = Math.max(0, depth - 1);
      } else if (ch == ',' && depth == 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether the URL sets driver property {@code name} anywhere (query or a host's key-values), in any case. */
  private static boolean mentions(String url, String name) {
    String u = url.toLowerCase(Locale.ROOT);
    String n = name.toLowerCase(Locale.ROOT);
    for (int i = u.indexOf(n); i >= 0; i = u.indexOf(n, i + 1)) {
      int end = i + n.length();
      while (end < u.length() && Character.isWhitespace(u.charAt(end))) {
        end++;
      }
      if (end < u.length() && u.charAt(end) == '=') {
        return true;
      }
    }
    return false;
  }

  private static boolean isH2Memory(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith(H2_MEMORY);
  }

  private static boolean unnamedH2Memory(String url) {
    String name = url.substring(H2_MEMORY.length());
    int semi = name.indexOf(';');
    return (semi < 0 ? name : name.substring(0, semi)).isBlank();
  }

  /**
   * A SQLite URL whose database each connection gets for itself: {@code :memory:}, an empty
   * path (a temporary file) or {@code mode=memory}.
   */
  private static boolean privateSqlite(String url) {
    String rest = url.substring("jdbc:sqlite:".length());
    int query = rest.indexOf('?');
    String path = query < 0 ? rest : rest.substring(0, query);
    return path.isBlank() || path.equals(":memory:") || path.startsWith(":resource:")
        || url.toLowerCase(Locale.ROOT).contains("mode=memory");
  }

  private static Properties copy(Properties p) {
    Properties c = new Properties();
    c.putAll(p);
    return c;
  }
}
