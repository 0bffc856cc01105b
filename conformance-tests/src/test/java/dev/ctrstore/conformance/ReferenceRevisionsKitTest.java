package dev.ctrstore.conformance;

import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.Storage;

/** The whole kit, every optional feature included, over the reference storage with revisions. */
class ReferenceRevisionsKitTest extends StoreConformanceTest {
  @Override
  protected Storage newStorage() {
    return new ReferenceRevisionStorage(Integer.MAX_VALUE);
  }

  @Override
  protected Store newStoreRetainingEvents(int events) {
    return Stores.over(new ReferenceRevisionStorage(events));
  }
}
