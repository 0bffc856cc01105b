package dev.ctrstore.memory;

import dev.ctrstore.Store;
import dev.ctrstore.conformance.StoreConformanceTest;
import dev.ctrstore.spi.EventRetention;

/** The in-memory backend against the whole conformance kit, every optional feature included. */
class MemoryConformanceTest extends StoreConformanceTest {
  @Override
  protected Store newStore() {
    return MemoryStoreProvider.openStore();
  }

  @Override
  protected Store newStoreRetainingEvents(int events) {
    return MemoryStoreProvider.openStore(EventRetention.of(null, events));
  }
}
