package dev.ctrstore.jdbc;

import dev.ctrstore.Store;
import dev.ctrstore.conformance.StoreConformanceTest;
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
}
