package dev.ctrstore.memory;

import dev.ctrstore.Store;
import dev.ctrstore.conformance.StoreConformanceTest;

/** The in-memory backend against the whole conformance kit. */
class MemoryConformanceTest extends StoreConformanceTest {
  @Override
  protected Store newStore() {
    return MemoryStoreProvider.openStore();
  }
}
