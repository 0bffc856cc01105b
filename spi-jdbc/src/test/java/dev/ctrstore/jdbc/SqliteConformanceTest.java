package dev.ctrstore.jdbc;

import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.conformance.StoreConformanceTest;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.testing.SqliteTestDatabase;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole conformance kit on the JDBC backend over a fresh SQLite file (WAL, synchronous=FULL: every commit fsynced, as in production). */
class SqliteConformanceTest extends StoreConformanceTest {
  @RegisterExtension static final SqliteTestDatabase DB = new SqliteTestDatabase();

  @Override
  protected Storage newStorage() {
    return JdbcStoreProvider.openStorage(StoreConfig.of(Map.of(JdbcStoreProvider.URL, DB.url())));
  }

  /** A second store on the same database whose compactor keeps {@code events} per namespace. */
  @Override
  protected Store newStoreRetainingEvents(int events) {
    return Stores.over(JdbcStoreProvider.openStorage(StoreConfig.of(Map.of(
        JdbcStoreProvider.URL, DB.url(), JdbcStoreProvider.RETENTION, Integer.toString(events)))));
  }
}
