package dev.ctrstore.conformance;

import dev.ctrstore.Store;
import dev.ctrstore.spi.StandardStore;

/** The kit against the shared {@link StandardStore} over the simplest correct storage. */
class ReferenceStoreKitTest extends StoreConformanceTest {
  @Override
  protected Store newStore() {
    return StandardStore.over(new ReferenceStorage());
  }
}
