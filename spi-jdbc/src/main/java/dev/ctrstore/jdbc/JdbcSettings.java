package dev.ctrstore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.spi.StoreConfig;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code ctrstore.jdbc.*} configuration, read and checked once at open: the URL and its
 * dialect, whether to migrate, and the HikariCP properties (the dialect's defaults under the
 * user's settings, credentials included). Invalid settings fail with {@link
 * InvalidArgumentException} naming the key, before any connection is made.
 */
final class JdbcSettings {
  private static final AtomicInteger POOLS = new AtomicInteger();
  private static final String H2_MEMORY = "jdbc:h2:mem:";

  private final String url;
  private final String maskedUrl;
  private final Dialect dialect;
  private final boolean migrate;
  private final Properties pool;

  private JdbcSettings(String url, Dialect dialect, boolean migrate, Properties pool) {
    this.url = url;
    this.maskedUrl = Urls.mask(url);
    this.dialect = dialect;
    this.migrate = migrate;
    this.pool = pool;
  }

  static JdbcSettings from(StoreConfig config) {
    String url = config.get(JdbcStoreProvider.URL).map(String::trim).filter(s -> !s.isEmpty())
        .orElse(JdbcStoreProvider.DEFAULT_URL);
    Dialect dialect = Dialect.of(url);
    String masked = Urls.mask(url);
    if (isH2Memory(url) && unnamedH2Memory(url)) {
      throw new InvalidArgumentException(JdbcStoreProvider.URL + ": " + masked + " is an unnamed"
          + " in-memory H2 database, private to each connection; name it, e.g. jdbc:h2:mem:ctrstore");
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
    JdbcSettings settings = new JdbcSettings(url, dialect,
        config.getBoolean(JdbcStoreProvider.MIGRATE, true), pool);
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
    try {
      return new HikariConfig(copy(pool));
    } catch (RuntimeException e) {
      throw new InvalidArgumentException(JdbcStoreProvider.POOL_PREFIX + "*: " + e.getMessage()
          + " (keys under " + JdbcStoreProvider.POOL_PREFIX + " are HikariCP property names)", e);
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
    props.putAll(user);
    return props;
  }

  private static boolean isH2Memory(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith(H2_MEMORY);
  }

  private static boolean unnamedH2Memory(String url) {
    String name = url.substring(H2_MEMORY.length());
    int semi = name.indexOf(';');
    return (semi < 0 ? name : name.substring(0, semi)).isBlank();
  }

  private static Properties copy(Properties p) {
    Properties c = new Properties();
    c.putAll(p);
    return c;
  }
}
