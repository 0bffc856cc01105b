package dev.ctrstore.conformance;

import dev.ctrstore.Stores;
import dev.ctrstore.spi.Storage;
import java.util.EnumSet;
import java.util.Set;

/** The kit against the library's engine ({@link Stores#over}) over the simplest correct storage. */
class ReferenceStoreKitTest extends StoreConformanceTest {
  @Override
  protected Storage newStorage() {
    return new ReferenceStorage();
  }

  @Override
  protected Set<Feature> unsupportedFeatures() {
    return EnumSet.of(Feature.REVISIONS, Feature.WATCH);
  }
}
