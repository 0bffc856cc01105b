package dev.ctrstore.jdbc;

import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.conformance.StoreConformanceTest;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.testing.H2TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole conformance kit on the JDBC backend over a fresh in-memory H2 database. */
class H2ConformanceTest extends StoreConformanceTest {
  @RegisterExtension static final H2TestDatabase DB = new H2TestDatabase();

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
