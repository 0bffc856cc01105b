package dev.ctrstore.memory;

import dev.ctrstore.conformance.StoreConformanceTest;
import dev.ctrstore.spi.Storage;

/** The in-memory backend against the whole conformance kit. */
class MemoryConformanceTest extends StoreConformanceTest {
  @Override
  protected Storage newStorage() {
    return new MemoryStorage();
  }
}
