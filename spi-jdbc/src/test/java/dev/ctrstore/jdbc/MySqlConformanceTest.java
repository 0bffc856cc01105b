package dev.ctrstore.jdbc;

import dev.ctrstore.Store;
import dev.ctrstore.conformance.Feature;
import dev.ctrstore.conformance.StoreConformanceTest;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole conformance kit on the JDBC backend over MySQL/MariaDB (see {@link
 * MySqlTestDatabase} for where the server comes from; the class gets its own database).
 */
class MySqlConformanceTest extends StoreConformanceTest {
  @RegisterExtension static final MySqlTestDatabase DB = new MySqlTestDatabase();

  @Override
  protected Store newStore() {
    return JdbcStores.open(DB.url());
  }

  @Override
  protected Set<Feature> unsupportedFeatures() {
    return EnumSet.of(Feature.REVISIONS, Feature.WATCH);
  }
}
