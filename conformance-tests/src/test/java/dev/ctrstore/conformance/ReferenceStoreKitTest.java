package dev.ctrstore.conformance;

import dev.ctrstore.Store;
import dev.ctrstore.Stores;

/** The kit against the library's engine ({@link Stores#over}) over the simplest correct storage. */
class ReferenceStoreKitTest extends StoreConformanceTest {
  @Override
  protected Store newStore() {
    return Stores.over(new ReferenceStorage());
  }
}
