package dev.ctrstore.spi;

import java.util.Set;

/**
 * A backend, found with {@link java.util.ServiceLoader} (register implementations with
 * {@code @AutoService(StoreProvider.class)}) and chosen by the {@code ctrstore.backend}
 * property. {@link dev.ctrstore.Stores} does the choosing and the configuration checks.
 *
 * <p>A provider opens a {@link Storage}, never a finished store: the library puts its engine
 * over the storage, so every containerd rule (validation, field paths, timestamps, filters,
 * error precedence) is applied the same way whatever the backend.
 */
public interface StoreProvider {

  /** The name users select with {@code ctrstore.backend}, e.g. {@code memory} or {@code jdbc}. */
  String name();

  /**
   * Opens the backend's storage. Fails fast, with a message naming the offending key, when the
   * configuration is wrong or the backend cannot be reached. The library closes the storage
   * when the store over it is closed.
   */
  Storage open(StoreConfig config);

  /**
   * The {@code ctrstore.*} keys this backend reads, so that {@link dev.ctrstore.Stores} can
   * reject misspelt keys. A key ending in {@code .*} accepts every key under that prefix.
   * Each key that does not end in {@code .*} can also be set through the environment variable
   * named by upper-casing it and turning dots into underscores ({@code ctrstore.jdbc.url} →
   * {@code CTRSTORE_JDBC_URL}).
   */
  default Set<String> keys() {
    return Set.of();
  }
}
