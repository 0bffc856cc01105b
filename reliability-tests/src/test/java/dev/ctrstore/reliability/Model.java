package dev.ctrstore.reliability;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.memory.MemoryStoreProvider;
import java.util.List;

/**
 * What containerd's rules make of one create or update, asked of the library's engine over a
 * fresh in-memory store. The linearizability check needs the serial result of each call; taking
 * it from the engine keeps the rules in one place (api) instead of a second copy in the tests.
 * Timestamps of the answers are the model store's own: compare them untimed.
 */
final class Model {
  private static final Context CTX = Context.withNamespace("model");

  private Model() {}

  /** The container a create of {@code input} stores, or the StoreException it fails with. */
  static Container create(Container input) {
    try (Store s = MemoryStoreProvider.openStore()) {
      return s.create(CTX, input);
    }
  }

  /**
   * The container an update of {@code previous} with {@code input} and {@code paths} stores, or
   * the StoreException it fails with.
   */
  static Container update(Container previous, Container input, List<String> paths) {
    try (Store s = MemoryStoreProvider.openStore()) {
      s.create(CTX, previous);
      return s.update(CTX, input, paths.toArray(String[]::new));
    }
  }
}
