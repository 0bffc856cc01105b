package dev.ctrstore.jdbc;

import dev.ctrstore.Store;
import dev.ctrstore.conformance.StoreConformanceTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole conformance kit on the JDBC backend over MySQL/MariaDB (see {@link
 * MySqlTestDatabase}): the class has its own database, emptied for each new store.
 */
class MySqlConformanceTest extends StoreConformanceTest {
  @RegisterExtension static final MySqlTestDatabase DB = new MySqlTestDatabase();

  private final List<Store> opened = new ArrayList<>();

  @Override
  protected Store newStore() {
    Store s = JdbcStores.open(DB.url());
    DB.clearTables("ctr_label", "ctr_container");
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(Store::close);
    opened.clear();
  }
}
