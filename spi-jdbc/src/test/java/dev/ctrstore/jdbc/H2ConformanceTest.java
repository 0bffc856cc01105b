package dev.ctrstore.jdbc;

import dev.ctrstore.Store;
import dev.ctrstore.conformance.StoreConformanceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/** The whole conformance kit on the JDBC backend over H2: a fresh in-memory database per store. */
class H2ConformanceTest extends StoreConformanceTest {
  private final List<Store> opened = new ArrayList<>();

  @Override
  protected Store newStore() {
    Store s = JdbcStores.open("jdbc:h2:mem:conformance-" + UUID.randomUUID());
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(Store::close);
    opened.clear();
  }
}
