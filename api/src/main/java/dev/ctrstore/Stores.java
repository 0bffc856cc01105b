package dev.ctrstore;

import dev.ctrstore.internal.ConfigFiles;
import dev.ctrstore.internal.ConfigResolver;
import dev.ctrstore.internal.StandardStore;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Opens a {@link Store} from configuration, choosing the backend among the {@link
 * StoreProvider}s found with {@link java.util.ServiceLoader}, and puts the library's engine
 * (containerd's rules) over the storage the backend opens.
 *
 * <p>Keys, highest precedence first: a system property ({@code -Dctrstore.backend=jdbc}), an
 * environment variable (the key upper-cased with dots as underscores: {@code CTRSTORE_BACKEND},
 * {@code CTRSTORE_JDBC_URL}), then what the application gives (see {@link Builder}). {@code
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
  public static final String RESOURCE = ConfigFiles.RESOURCE;

  private Stores() {}

  /**
   * Opens the store configured by the file named by {@code -Dctrstore.config} or {@code
   * CTRSTORE_CONFIG}, else by {@code ctrstore.properties} on the class path, else by system
   * properties and environment alone. The same as {@code builder().open()}.
   */
  public static Store open() {
    return builder().open();
  }

  /** Opens the store configured by a properties file (overridable by system properties and environment). */
  public static Store open(Path file) {
    return builder().propertiesFile(file).open();
  }

  /** Opens the store configured by {@code properties} (overridable by system properties and environment). */
  public static Store open(Properties properties) {
    return builder().properties(properties).open();
  }

  /** A builder for a store whose configuration comes from several places; see {@link Builder}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A store over {@code storage}: containerd's rules (namespace and field validation, field-path
   * merging, timestamps, filters, error precedence) applied by the library's engine, the same one
   * {@link #open()} puts over a provider's storage. For tests and tools that hold a {@link
   * Storage} directly. Closing the store closes the storage.
   */
  public static Store over(Storage storage) {
    return StandardStore.over(ConfigFiles.required(storage, "storage"));
  }

  /** The names of the backends on the class path. */
  public static Set<String> available() {
    return ConfigResolver.providers(ConfigFiles.defaultClassLoader()).keySet();
  }

  /**
   * Gathers where a store's configuration comes from, then {@linkplain #open() opens} it, in the
   * spirit of OpenTelemetry's {@code AutoConfiguredOpenTelemetrySdkBuilder}. Precedence, highest
   * first: system properties; environment variables; {@linkplain #addPropertiesSupplier
   * suppliers} (the last added first); the {@linkplain #propertiesFile file} or {@linkplain
   * #properties properties}; {@linkplain #defaults defaults}. Only {@code ctrstore.*} keys are
   * read. Not thread-safe; each {@link #open()} reads the sources again and opens a new store.
   */
  public static final class Builder {
    private final Map<String, String> defaults = new TreeMap<>();
    private final List<Supplier<? extends @Nullable Map<String, ? extends @Nullable String>>>
        suppliers = new ArrayList<>();
    private final Map<String, Object> options = new TreeMap<>();
    private @Nullable Path file;
    private @Nullable Properties properties;
    private @Nullable ClassLoader classLoader;
    private @Nullable String defaultBackend;

    private Builder() {}

    /**
     * Adds values used for keys no other source sets: the lowest precedence. A key given again
     * replaces its earlier default.
     */
    public Builder defaults(Map<String, String> values) {
      ConfigFiles.required(values, "defaults").forEach((k, v) -> {
        defaults.put(ConfigFiles.required(k, "defaults key"),
            ConfigFiles.required(v, "defaults value of " + k));
      });
      return this;
    }

    /**
     * Reads the configuration from this properties file instead of looking one up ({@code
     * -Dctrstore.config}, {@code CTRSTORE_CONFIG}, {@code ctrstore.properties} on the class
     * path). Replaces an earlier {@link #properties}. The file is read by {@link #open()}, which
     * fails with {@link InvalidArgumentException} naming it when it is missing or unreadable.
     */
    public Builder propertiesFile(Path file) {
      this.file = ConfigFiles.required(file, "properties file");
      this.properties = null;
      return this;
    }

    /**
     * Uses these properties in place of a file, and looks no file up. They are copied now.
     * Replaces an earlier {@link #propertiesFile}.
     */
    public Builder properties(Properties properties) {
      Properties copy = new Properties();
      copy.putAll(ConfigFiles.required(properties, "properties"));
      this.properties = copy;
      this.file = null;
      return this;
    }

    /**
     * Adds a source of values, asked once by each {@link #open()}: above the file and the
     * defaults, below environment variables and system properties; a supplier added later wins
     * over one added earlier. A null map, or a null value in it, counts as unset.
     */
    public Builder addPropertiesSupplier(
        Supplier<? extends @Nullable Map<String, ? extends @Nullable String>> supplier) {
      suppliers.add(ConfigFiles.required(supplier, "properties supplier"));
      return this;
    }

    /**
     * Sets an object-valued setting, for what a properties file cannot hold: the jdbc backend
     * takes a Micrometer {@code MeterRegistry} as {@code ctrstore.jdbc.pool.metricRegistry} and
     * gives it to its connection pool, which then publishes its own metrics. The key must be one
     * a backend on the class path declares, as for text keys ({@link #open()} fails otherwise);
     * the backend checks the value's type when it opens. System properties and the environment
     * do not override it. Setting a key again replaces its value.
     */
    public Builder option(String key, Object value) {
      options.put(ConfigFiles.required(key, "option key"),
          ConfigFiles.required(value, "option value of " + key));
      return this;
    }

    /**
     * The class loader that finds the backends ({@link java.util.ServiceLoader}) and {@code
     * ctrstore.properties}. Default: the thread's context class loader, else the one that loaded
     * ctrstore.
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = ConfigFiles.required(classLoader, "class loader");
      return this;
    }

    /**
     * The backend used when no source sets {@code ctrstore.backend} and this one is on the class
     * path, even among several; when it is absent the usual rule applies (the only backend, else
     * an error listing them). The {@code ctrstore} command line prefers {@code jdbc} this way.
     */
    public Builder defaultBackend(String name) {
      this.defaultBackend = ConfigFiles.required(name, "default backend");
      return this;
    }

    /**
     * Merges the sources, checks every key, opens the chosen backend's storage and returns the
     * library's engine over it.
     *
     * @throws InvalidArgumentException when a file cannot be read, a key is unknown, or the
     *     backend is unknown, missing or ambiguous; the message names the key or file
     */
    public Store open() {
      ClassLoader cl = classLoader != null ? classLoader : ConfigFiles.defaultClassLoader();
      Properties system = System.getProperties();
      Map<String, String> env = System.getenv();
      Map<String, String> base = new TreeMap<>(defaults);
      Properties given = properties != null ? properties
          : file != null ? ConfigFiles.read(file) : ConfigFiles.lookUp(system, env, cl);
      for (String k : given.stringPropertyNames()) {
        base.put(k, given.getProperty(k));
      }
      for (Supplier<? extends @Nullable Map<String, ? extends @Nullable String>> s : suppliers) {
        Map<String, ? extends @Nullable String> values = s.get();
        if (values != null) {
          values.forEach((k, v) -> {
            if (k != null && v != null) {
              base.put(k, v);
            }
          });
        }
      }
      return ConfigResolver.open(base, options, system, env, cl, defaultBackend);
    }
  }
}
