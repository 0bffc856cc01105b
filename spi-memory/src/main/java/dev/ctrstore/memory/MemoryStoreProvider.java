package dev.ctrstore.memory;

import com.google.auto.service.AutoService;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.spi.StoreProvider;

/**
 * The {@code memory} backend: containers live in the JVM's heap and are gone when the store is
 * closed or the process ends. Thread-safe; each operation is atomic; namespaces are isolated.
 * Durability: none. Takes no configuration keys.
 */
@AutoService(StoreProvider.class)
public final class MemoryStoreProvider implements StoreProvider {
  /** The provider name, for {@code ctrstore.backend}. */
  public static final String NAME = "memory";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Storage open(StoreConfig config) {
    return new MemoryStorage();
  }

  /** A new, empty in-memory store, without {@link Stores#open()}'s configuration lookup. */
  public static Store openStore() {
    return Stores.over(new MemoryStorage());
  }
}
