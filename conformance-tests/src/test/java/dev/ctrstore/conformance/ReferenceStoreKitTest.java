package dev.ctrstore.conformance;

import dev.ctrstore.spi.StandardStore;
import dev.ctrstore.spi.Storage;
import java.util.EnumSet;
import java.util.Set;

/** The kit against the shared {@link StandardStore} over the simplest correct storage. */
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
