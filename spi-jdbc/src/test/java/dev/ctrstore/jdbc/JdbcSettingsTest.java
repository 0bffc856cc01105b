package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.spi.EventRetention;
import dev.ctrstore.spi.StoreConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link JdbcSettings} reads from the configuration, without connecting anywhere. */
class JdbcSettingsTest {
  private static JdbcSettings settings(String url, String... poolKeyValues) {
    Map<String, String> config = new HashMap<>();
    config.put(JdbcStoreProvider.URL, url);
    for (int i = 0; i < poolKeyValues.length; i += 2) {
      config.put(JdbcStoreProvider.POOL_PREFIX + poolKeyValues[i], poolKeyValues[i + 1]);
    }
    return JdbcSettings.from(StoreConfig.of(config));
  }

  /** The value the driver is given, both for the pool and for a connection opened directly. */
  private static String failOverReadOnly(JdbcSettings s) {
    String pooled = s.hikariConfig().getDataSourceProperties().getProperty("failOverReadOnly");
    assertEquals(pooled, s.driverProperties().getProperty("failOverReadOnly"));
    return pooled;
  }

  @Test
  void aMultiHostMySqlUrlFailsOverReadWrite() {
    for (String url : List.of(
        "jdbc:mysql://h1,h2,h3/db",
        "JDBC:MYSQL://h1,h2/db",
        "jdbc:mysql://h1:3306,h2:3307/db?useSSL=false",
        "jdbc:mysql://h1,h2",
        "jdbc:mysql://ctrstore:secret@h1,h2/db",
        "jdbc:mysql://[h1:3306,h2:3306]/db",
        "jdbc:mysql://address=(host=h1)(port=3306),address=(host=h2)(port=3306)/db",
        "jdbc:mysql://(host=h1,port=3306),(host=h2,port=3306)/db")) {
      assertTrue(JdbcSettings.isMySqlMultiHost(url), url);
      JdbcSettings s = settings(url);
      assertEquals("false", failOverReadOnly(s), url);
      assertEquals(url, s.url(), "the URL itself is not rewritten");
      assertEquals(url, s.hikariConfig().getJdbcUrl());
    }
  }

  @Test
  void otherUrlsAreLeftAsTheDriverHasThem() {
    for (String url : List.of(
        "jdbc:mysql://h1/db",
        "jdbc:mysql://h1:3306/db?connectionAttributes=a:1,b:2",
        "jdbc:mysql://h1/db#x,y",
        "jdbc:mysql://(host=h1,port=3306,user=u)/db",
        "jdbc:mysql://[::1]:3306/db",
        "jdbc:mysql:loadbalance://h1,h2/db",
        "jdbc:mysql:replication://h1,h2/db",
        "jdbc:h2:mem:settings-test")) {
      assertTrue(!JdbcSettings.isMySqlMultiHost(url), url);
      assertNull(failOverReadOnly(settings(url)), url);
    }
  }

  @Test
  void theUrlsOwnFailOverReadOnlyIsKept() {
    for (String url : List.of(
        "jdbc:mysql://h1,h2/db?failOverReadOnly=true",
        "jdbc:mysql://h1,h2/db?useSSL=false&FAILOVERREADONLY = true",
        "jdbc:mysql://(host=h1,failOverReadOnly=true),(host=h2)/db")) {
      JdbcSettings s = settings(url);
      // Not set as a driver property, which Connector/J would let override the URL's value.
      assertNull(failOverReadOnly(s), url);
      assertEquals(url, s.url());
    }
  }

  @Test
  void aPoolSettingOfFailOverReadOnlyIsKept() {
    JdbcSettings s = settings("jdbc:mysql://h1,h2/db", "dataSource.failOverReadOnly", "true");
    assertEquals("true", failOverReadOnly(s));
  }

  @Test
  void credentialsAndPoolSettingsReachThePoolAndTheDriver() {
    Map<String, String> config = Map.of(
        JdbcStoreProvider.URL, "jdbc:h2:mem:settings-credentials",
        JdbcStoreProvider.USERNAME, "sa",
        JdbcStoreProvider.PASSWORD, "pw",
        JdbcStoreProvider.POOL_PREFIX + "maximumPoolSize", "3",
        JdbcStoreProvider.MIGRATE, "false");
    JdbcSettings s = JdbcSettings.from(StoreConfig.of(config));
    assertEquals("sa", s.hikariConfig().getUsername());
    assertEquals(3, s.hikariConfig().getMaximumPoolSize());
    assertEquals("pw", s.driverProperties().getProperty("password"));
    assertEquals(false, s.migrate());
    assertTrue(s.isH2Memory());
    assertTrue(s.hikariConfig().getPoolName().startsWith("ctrstore-"), s.hikariConfig().getPoolName());
  }

  @Test
  void badSettingsNameTheirKey() {
    InvalidArgumentException unnamed = assertThrows(InvalidArgumentException.class,
        () -> settings("jdbc:h2:mem:"));
    assertTrue(unnamed.getMessage().startsWith(JdbcStoreProvider.URL + ": "), unnamed.getMessage());
    InvalidArgumentException pool = assertThrows(InvalidArgumentException.class,
        () -> settings("jdbc:h2:mem:x", "noSuchThing", "1"));
    assertTrue(pool.getMessage().startsWith(JdbcStoreProvider.POOL_PREFIX), pool.getMessage());
    InvalidArgumentException url = assertThrows(InvalidArgumentException.class,
        () -> settings("jdbc:h2:mem:x", "jdbcUrl", "jdbc:h2:mem:y"));
    assertTrue(url.getMessage().startsWith(JdbcStoreProvider.POOL_PREFIX + "jdbcUrl"), url.getMessage());
  }

  @Test
  void theChangeLogRetentionIsReadAndCheckedAtOpen() {
    String url = "jdbc:h2:mem:settings-retention";
    assertEquals(EventRetention.parse(JdbcStoreProvider.RETENTION, JdbcStoreProvider.DEFAULT_RETENTION),
        settings(url).retention(), "default");
    JdbcSettings s = JdbcSettings.from(StoreConfig.of(Map.of(JdbcStoreProvider.URL, url,
        JdbcStoreProvider.RETENTION, "30m,500")));
    assertEquals(Duration.ofMinutes(30), s.retention().maxAge());
    assertEquals(500, s.retention().maxEvents());
    for (String bad : List.of("", "forever", "-1", "1h,2h", "10,20", "1h,10,20", "5x")) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> JdbcSettings.from(StoreConfig.of(Map.of(JdbcStoreProvider.URL, url,
              JdbcStoreProvider.RETENTION, bad))), bad);
      assertTrue(e.getMessage().startsWith(JdbcStoreProvider.RETENTION + ": "), e.getMessage());
    }
    assertTrue(new JdbcStoreProvider().keys().contains(JdbcStoreProvider.RETENTION));
  }

  private static JdbcSettings withObject(String name, Object value) {
    return JdbcSettings.from(StoreConfig.of(Map.of(JdbcStoreProvider.URL, "jdbc:h2:mem:objects"),
        Map.of(JdbcStoreProvider.POOL_PREFIX + name, value)));
  }

  @Test
  void anObjectThePoolCannotUseFailsNamingItsKey() {
    InvalidArgumentException notARegistry = assertThrows(InvalidArgumentException.class,
        () -> withObject("metricRegistry", new Object()));
    assertTrue(notARegistry.getMessage().startsWith(JdbcStoreProvider.METRIC_REGISTRY + ": "),
        notARegistry.getMessage());

    InvalidArgumentException textSetting = assertThrows(InvalidArgumentException.class,
        () -> withObject("maximumPoolSize", 4));
    assertTrue(textSetting.getMessage().startsWith("ctrstore.jdbc.pool.maximumPoolSize: "),
        textSetting.getMessage());
    assertTrue(textSetting.getMessage().contains("takes an object"), textSetting.getMessage());
  }

  @Test
  void aMetricsTrackerFactoryReachesThePoolConfiguration() {
    com.zaxxer.hikari.metrics.MetricsTrackerFactory factory =
        (poolName, stats) -> new com.zaxxer.hikari.metrics.IMetricsTracker() {};
    assertEquals(factory, withObject("metricsTrackerFactory", factory).hikariConfig()
        .getMetricsTrackerFactory());
  }
}
