package dev.ctrstore.memory;

import dev.ctrstore.Store;
import dev.ctrstore.conformance.StoreConformanceTest;
import dev.ctrstore.spi.EventRetention;
import dev.ctrstore.spi.Storage;

/** The in-memory backend against the whole conformance kit, every optional feature included. */
class MemoryConformanceTest extends StoreConformanceTest {
  @Override
  protected Storage newStorage() {
    return new MemoryStorage(EventRetention.parse(MemoryStoreProvider.RETENTION,
        MemoryStoreProvider.DEFAULT_RETENTION));
  }

  @Override
  protected Store newStoreRetainingEvents(int events) {
    return MemoryStoreProvider.openStore(EventRetention.of(null, events));
  }
}
