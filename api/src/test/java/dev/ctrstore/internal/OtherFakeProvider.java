package dev.ctrstore.internal;

import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;

/** A second backend, put on a class path of its own by the tests that need a choice of two. */
public final class OtherFakeProvider implements dev.ctrstore.spi.StoreProvider {
  static volatile StoreConfig lastConfig;

  @Override
  public String name() {
    return "other";
  }

  @Override
  public Storage open(StoreConfig config) {
    lastConfig = config;
    return FakeProvider.nullStorage();
  }
}
