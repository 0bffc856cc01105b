package dev.ctrstore.conformance;

import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import java.util.EnumSet;
import java.util.Set;

/** The kit against the library's engine ({@link Stores#over}) over the simplest correct storage. */
class ReferenceStoreKitTest extends StoreConformanceTest {
  @Override
  protected Store newStore() {
    return Stores.over(new ReferenceStorage());
  }

  @Override
  protected Set<Feature> unsupportedFeatures() {
    return EnumSet.of(Feature.REVISIONS, Feature.WATCH);
  }
}
