package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.testing.MySqlTestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link EventLogTestBase} on MySQL/MariaDB with multi-statement texts turned off by the pool
 * setting {@code dataSource.allowMultiQueries=false}: the writes then send their statements one
 * at a time (the engine's order: the create's read of its id, the counter, the rows, the event),
 * and every guarantee of the log, the races of creates against updates included, must hold the
 * same. (Connector/J lets the pool's properties win over the URL's, so a URL cannot turn it off.)
 */
class MySqlOneStatementAtATimeEventLogTest extends EventLogTestBase {
  @RegisterExtension static final MySqlTestDatabase DB = new MySqlTestDatabase();

  private static final String OFF = JdbcStoreProvider.POOL_PREFIX + "dataSource.allowMultiQueries";

  @Override
  String url() {
    return DB.url();
  }

  @Override
  Map<String, String> settings() {
    return Map.of(OFF, "false");
  }

  @Test
  void thePoolSettingDecidesWhetherWritesAreGrouped() {
    try (JdbcStorage off = open(settings()); JdbcStorage on = open(Map.of())) {
      assertFalse(off.groupsWrites(), "allowMultiQueries=false");
      assertTrue(on.groupsWrites(), "the dialect's default");
    }
  }

  private static JdbcStorage open(Map<String, String> settings) {
    Map<String, String> config = new HashMap<>(settings);
    config.put(JdbcStoreProvider.URL, DB.url());
    return JdbcStoreProvider.openStorage(StoreConfig.of(config));
  }
}
