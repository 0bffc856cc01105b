package dev.ctrstore.jdbc;

import dev.ctrstore.conformance.Feature;
import dev.ctrstore.conformance.StoreConformanceTest;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.testing.H2TestDatabase;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole conformance kit on the JDBC backend over a fresh in-memory H2 database. */
class H2ConformanceTest extends StoreConformanceTest {
  @RegisterExtension static final H2TestDatabase DB = new H2TestDatabase();

  @Override
  protected Storage newStorage() {
    return JdbcStoreProvider.openStorage(StoreConfig.of(Map.of(JdbcStoreProvider.URL, DB.url())));
  }

  @Override
  protected Set<Feature> unsupportedFeatures() {
    return EnumSet.of(Feature.REVISIONS, Feature.WATCH);
  }
}
