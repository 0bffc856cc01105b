package dev.ctrstore.cli;

import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * How the command line gets its {@link Store}. The CLI opens a store per command and closes it
 * when the command ends; tests substitute an opener that hands out a store of their own.
 */
@FunctionalInterface
public interface StoreOpener {

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
   * environment variables override the file). One addition: when no backend is named and
   * several are on the class path, the {@code jdbc} backend is chosen, so that the CLI runs on
   * embedded H2 with no configuration at all.
   */
  static StoreOpener standard() {
    return config -> {
      Properties props = load(config);
      if (!props.containsKey(Stores.BACKEND)
          && Stores.available().size() > 1
          && Stores.available().contains(DEFAULT_BACKEND)) {
        // Lowest precedence: -Dctrstore.backend and CTRSTORE_BACKEND still win.
        props.setProperty(Stores.BACKEND, DEFAULT_BACKEND);
      }
      return Stores.open(props);
    };
  }

  /** The backend chosen when nothing names one and several are available. */
  String DEFAULT_BACKEND = "jdbc";

  private static Properties load(@Nullable Path config) {
    Path file = config;
    if (file == null) {
      String named = System.getProperty(Stores.CONFIG);
      if (named == null || named.isBlank()) {
        named = System.getenv("CTRSTORE_CONFIG");
      }
      file = named == null || named.isBlank() ? null : Path.of(named);
    }
    Properties props = new Properties();
    if (file != null) {
      try (InputStream in = Files.newInputStream(file)) {
        props.load(in);
      } catch (NoSuchFileException e) {
        throw new InvalidArgumentException("config file " + file + " does not exist");
      } catch (IOException e) {
        throw new InvalidArgumentException("cannot read config file " + file + ": " + e.getMessage());
      }
      return props;
    }
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    try (InputStream in = (cl != null ? cl : StoreOpener.class.getClassLoader())
        .getResourceAsStream(Stores.RESOURCE)) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read class-path resource " + Stores.RESOURCE
          + ": " + e.getMessage());
    }
    return props;
  }
}
