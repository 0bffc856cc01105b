package dev.ctrstore.memory;

import com.google.auto.service.AutoService;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.EventRetention;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.spi.StoreProvider;
import java.util.Set;

/**
 * The {@code memory} backend: containers live in the JVM's heap and are gone when the store is
 * closed or the process ends. Thread-safe; each operation is atomic; namespaces are isolated.
 * Durability: none.
 *
 * <p>Keeps revisions: every write of a namespace gets the next integer (no gaps), and watches see
 * the writes of this store only (there is no other process). The change log keeps events as
 * {@value #RETENTION} says ({@value #DEFAULT_RETENTION} by default: an hour, and at most 100,000
 * events per namespace); a background thread discards older ones.
 */
@AutoService(StoreProvider.class)
public final class MemoryStoreProvider implements StoreProvider {
  /** The provider name, for {@code ctrstore.backend}. */
  public static final String NAME = "memory";
  /** The key of the change log's retention; see {@link EventRetention} for its forms. */
  public static final String RETENTION = "ctrstore.memory.events.retention";
  /** The retention when {@link #RETENTION} is not set. */
  public static final String DEFAULT_RETENTION = "1h,100000";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> keys() {
    return Set.of(RETENTION);
  }

  @Override
  public Storage open(StoreConfig config) {
    return new MemoryStorage(EventRetention.parse(RETENTION, config.get(RETENTION, DEFAULT_RETENTION)));
  }

  /** A new, empty in-memory store with the default retention, without {@link Stores#open()}'s lookup. */
  public static Store openStore() {
    return openStore(EventRetention.parse(RETENTION, DEFAULT_RETENTION));
  }

  /** A new, empty in-memory store whose change log keeps events as {@code retention} says. */
  public static Store openStore(EventRetention retention) {
    return Stores.over(new MemoryStorage(retention));
  }
}
