package dev.ctrstore.cli;

import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How the command line gets its {@link Store}. The CLI opens a store per command and closes it
 * when the command ends; tests substitute an opener that hands out a store of their own.
 */
@FunctionalInterface
public interface StoreOpener {

  /** The backend chosen when nothing names one and several are available. */
  String DEFAULT_BACKEND = "jdbc";

  /**
   * Opens the store.
   *
   * @param config the file given with {@code --config}, or null when none was given
   */
  Store open(@Nullable Path config);

  /**
   * The opener the {@code ctrstore} command uses: configuration as {@link Stores#open()} reads
   * it ({@code --config FILE}, else {@code -Dctrstore.config} / {@code CTRSTORE_CONFIG}, else
   * {@code ctrstore.properties} on the class path; system properties and {@code CTRSTORE_*}
   * environment variables override the file), preferring the {@code jdbc} backend when several
   * are on the class path and none is named, so that the CLI runs on embedded SQLite with no
   * configuration at all.
   */
  static StoreOpener standard() {
    return config -> {
      Stores.Builder builder = Stores.builder().defaultBackend(DEFAULT_BACKEND);
      if (config != null) {
        builder.propertiesFile(config);
      }
      return builder.open();
    };
  }
}
