package dev.ctrstore.conformance;

import dev.ctrstore.Store;
import dev.ctrstore.Stores;

/** The whole kit, every optional feature included, over the reference storage with revisions. */
class ReferenceRevisionsKitTest extends StoreConformanceTest {
  @Override
  protected Store newStore() {
    return Stores.over(new ReferenceRevisionStorage(Integer.MAX_VALUE));
  }

  @Override
  protected Store newStoreRetainingEvents(int events) {
    return Stores.over(new ReferenceRevisionStorage(events));
  }
}
