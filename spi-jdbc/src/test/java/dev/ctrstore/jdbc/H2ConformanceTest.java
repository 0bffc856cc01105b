package dev.ctrstore.jdbc;

import dev.ctrstore.Store;
import dev.ctrstore.conformance.Feature;
import dev.ctrstore.conformance.StoreConformanceTest;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The whole conformance kit on the JDBC backend over a fresh in-memory H2 database. */
class H2ConformanceTest extends StoreConformanceTest {
  @Override
  protected Storage newStorage() {
    return JdbcStoreProvider.openStorage(StoreConfig.of(Map.of(JdbcStoreProvider.URL,
        "jdbc:h2:mem:conformance-" + UUID.randomUUID())));
  }

  @Override
  protected Set<Feature> unsupportedFeatures() {
    return EnumSet.of(Feature.REVISIONS, Feature.WATCH);
  }
}
