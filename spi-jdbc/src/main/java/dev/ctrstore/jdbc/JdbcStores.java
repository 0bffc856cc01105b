package dev.ctrstore.jdbc;

import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.StoreConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Opens a {@code jdbc} store directly, without {@link dev.ctrstore.Stores} and its
 * configuration lookup. See {@link JdbcStoreProvider} for what the backend guarantees.
 */
public final class JdbcStores {
  private JdbcStores() {}

  /** Opens a store on {@code url}, migrating its schema if needed. */
  public static Store open(String url) {
    return open(url, null, null);
  }

  /** Opens a store on {@code url} with these credentials (either may be null). */
  public static Store open(String url, @Nullable String username, @Nullable String password) {
    Map<String, String> config = new HashMap<>();
    config.put(JdbcStoreProvider.URL, Objects.requireNonNull(url, "url"));
    if (username != null) {
      config.put(JdbcStoreProvider.USERNAME, username);
    }
    if (password != null) {
      config.put(JdbcStoreProvider.PASSWORD, password);
    }
    return Stores.over(new JdbcStoreProvider().open(StoreConfig.of(config)));
  }

  /**
   * Opens a store from {@code ctrstore.jdbc.*} entries (as in a properties file; environment
   * variables are not consulted).
   */
  public static Store open(Map<String, String> config) {
    return Stores.over(new JdbcStoreProvider().open(StoreConfig.of(config)));
  }
}
