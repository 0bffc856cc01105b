package com.example.ctrstore.protofile;

import dev.ctrstore.conformance.Feature;
import dev.ctrstore.conformance.StoreConformanceTest;
import dev.ctrstore.spi.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The protofile backend against the whole conformance kit: this one class is all a backend
 * needs to prove it behaves as containerd's store does. It overrides {@code newStorage()}, which
 * every backend gives the kit, and {@code unsupportedFeatures()}; the kit opens the storage,
 * works in fresh namespaces, and closes it at the end.
 */
// tag::conformance[]
class ProtoFileConformanceTest extends StoreConformanceTest {
  @Override
  protected Storage newStorage() {
    try {
      // A new directory per storage; sync off because the kit's checks do not crash the machine.
      Path dir = Files.createTempDirectory("ctrstore-protofile-kit");
      dir.toFile().deleteOnExit();
      return new ProtoFileStorage(dir, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Set<Feature> unsupportedFeatures() {
    // protofile keeps no revisions, and does not list its namespaces (it says UNIMPLEMENTED)
    return EnumSet.of(Feature.REVISIONS, Feature.WATCH, Feature.NAMESPACES);
  }
}
// end::conformance[]
