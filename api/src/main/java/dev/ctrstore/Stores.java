package dev.ctrstore;

import dev.ctrstore.internal.ConfigResolver;
import dev.ctrstore.internal.StandardStore;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * Opens a {@link Store} from configuration, choosing the backend among the {@link
 * StoreProvider}s found with {@link java.util.ServiceLoader}.
 *
 * <p>Keys, highest precedence first: a system property ({@code -Dctrstore.backend=jdbc}), an
 * environment variable (the key upper-cased with dots as underscores: {@code CTRSTORE_BACKEND},
 * {@code CTRSTORE_JDBC_URL}), then the properties file or {@link Properties} given. {@code
 * ctrstore.backend} names the provider; when it is absent and exactly one provider is on the
 * class path, that one is used. An unknown backend, none at all, or an unknown {@code
 * ctrstore.*} key fails at once with {@link InvalidArgumentException}, whose message lists what
 * is available. Values of keys ending in {@code password} or {@code secret} never appear in
 * messages or logs.
 */
public final class Stores {
  /** The key naming the backend. */
  public static final String BACKEND = ConfigResolver.BACKEND;
  /** The system property (or, as {@code CTRSTORE_CONFIG}, environment variable) naming the file. */
  public static final String CONFIG = ConfigResolver.CONFIG;
  /** The class-path resource read by {@link #open()} when no file is named. */
  public static final String RESOURCE = "ctrstore.properties";

  private Stores() {}

  /**
   * Opens the store configured by the file named by {@code -Dctrstore.config} or {@code
   * CTRSTORE_CONFIG}, else by {@code ctrstore.properties} on the class path, else by system
   * properties and environment alone.
   */
  public static Store open() {
    String path = System.getProperty(CONFIG);
    if (path == null || path.isBlank()) {
      path = System.getenv("CTRSTORE_CONFIG");
    }
    if (path != null && !path.isBlank()) {
      return open(Path.of(path));
    }
    Properties props = new Properties();
    ClassLoader cl = classLoader();
    try (InputStream in = cl.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new InvalidArgumentException(CONFIG + ": cannot read class-path resource " + RESOURCE
          + ": " + e.getMessage(), e);
    }
    return open(props);
  }

  /** Opens the store configured by a properties file (overridable by system properties and environment). */
  public static Store open(Path file) {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      throw new InvalidArgumentException(CONFIG + ": file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidArgumentException(CONFIG + ": cannot read " + file + ": " + e.getMessage(), e);
    }
    return open(props);
  }

  /** Opens the store configured by {@code properties} (overridable by system properties and environment). */
  public static Store open(Properties properties) {
    return ConfigResolver.open(properties, System.getProperties(), System.getenv(), classLoader());
  }

  /**
   * A store over {@code storage}: containerd's rules (namespace and field validation, field-path
   * merging, timestamps, filters, error precedence) applied by the library's engine, the same one
   * {@link #open()} puts over a provider's storage. For tests and tools that hold a {@link
   * Storage} directly. Closing the store closes the storage.
   */
  public static Store over(Storage storage) {
    return StandardStore.over(storage);
  }

  /** The names of the backends on the class path. */
  public static Set<String> available() {
    return ConfigResolver.providers(classLoader()).keySet();
  }

  private static ClassLoader classLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : Stores.class.getClassLoader();
  }
}
