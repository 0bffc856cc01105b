package dev.ctrstore.conformance;

import dev.ctrstore.spi.StandardStore;
import dev.ctrstore.spi.Storage;

/** The kit against the shared {@link StandardStore} over the simplest correct storage. */
class ReferenceStoreKitTest extends StoreConformanceTest {
  @Override
  protected Storage newStorage() {
    return new ReferenceStorage();
  }
}
