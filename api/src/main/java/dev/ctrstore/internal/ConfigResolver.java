package dev.ctrstore.internal;

import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.Store;
import dev.ctrstore.StoreInfo;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.spi.StoreProvider;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves configuration (system property, then environment, then file), picks the provider and
 * puts the engine over the storage it opens. Takes the three sources as arguments so that tests
 * can supply them. It does not refer back to {@link dev.ctrstore.Stores}, which calls it.
 */
public final class ConfigResolver {
  /** Named for the public entry point: what an application configures to quiet the open line. */
  private static final Logger LOG = LoggerFactory.getLogger("dev.ctrstore.Stores");
  private static final String PREFIX = "ctrstore.";
  /** The key naming the backend; {@link dev.ctrstore.Stores#BACKEND} publishes it. */
  public static final String BACKEND = "ctrstore.backend";
  /** The key naming the properties file; {@link dev.ctrstore.Stores#CONFIG} publishes it. */
  public static final String CONFIG = "ctrstore.config";

  private ConfigResolver() {}

  /** Providers on the class path, by name. */
  public static Map<String, StoreProvider> providers(ClassLoader cl) {
    Map<String, StoreProvider> byName = new TreeMap<>();
    for (StoreProvider p : ServiceLoader.load(StoreProvider.class, cl)) {
      StoreProvider clash = byName.putIfAbsent(p.name(), p);
      if (clash != null && clash.getClass() != p.getClass()) {
        throw new InvalidArgumentException("two backends are named \"" + p.name() + "\": "
            + clash.getClass().getName() + " and " + p.getClass().getName());
      }
    }
    return byName;
  }

  /** Merges the sources, checks every key, and opens the chosen backend. */
  public static Store open(Properties file, Properties system, Map<String, String> env,
      ClassLoader cl) {
    Map<String, String> base = new TreeMap<>();
    for (String k : file.stringPropertyNames()) {
      base.put(k, file.getProperty(k));
    }
    return open(base, Map.of(), system, env, cl, null);
  }

  /**
   * Merges the sources, checks every key, and opens the chosen backend.
   *
   * @param base what the application gave (defaults, file, suppliers), already layered; only
   *     its {@code ctrstore.*} keys count, and the environment and system properties override it
   * @param objects object-valued settings given in code; their keys are checked as text keys are
   * @param defaultBackend the backend used when no source names one and it is on the class path
   */
  public static Store open(Map<String, String> base, Map<String, ?> objects, Properties system,
      Map<String, String> env, ClassLoader cl, @Nullable String defaultBackend) {
    Map<String, StoreProvider> providers = providers(cl);
    Set<String> known = new TreeSet<>(Set.of(BACKEND, CONFIG));
    providers.values().forEach(p -> known.addAll(p.keys()));

    Map<String, String> merged = new TreeMap<>();
    base.forEach((k, v) -> {
      if (k.startsWith(PREFIX) && v != null) {
        merged.put(k, v.trim());
      }
    });
    for (String k : known) {
      if (!k.endsWith(".*")) {
        String v = env.get(envName(k));
        if (v != null) {
          merged.put(k, v.trim());
        }
      }
    }
    for (String k : system.stringPropertyNames()) {
      if (k.startsWith(PREFIX)) {
        merged.put(k, system.getProperty(k).trim());
      }
    }
    merged.remove(CONFIG);

    Set<String> given = new TreeSet<>(merged.keySet());
    given.addAll(objects.keySet());
    ConfigChecks.checkKeys(given, known, providers.keySet());
    ConfigChecks.checkEnvironment(env, known, providers.keySet());

    String name = merged.get(BACKEND);
    if ((name == null || name.isEmpty()) && defaultBackend != null
        && providers.containsKey(defaultBackend)) {
      name = defaultBackend;
    }
    StoreProvider provider = choose(providers, name);
    StoreConfig config = StoreConfig.of(merged, objects);
    LOG.debug("ctrstore: opening backend \"{}\" with {}", provider.name(), config);
    Store store = StandardStore.over(provider.open(config), provider.name());
    if (LOG.isInfoEnabled()) {
      LOG.info("ctrstore: opened {}", describe(store));
    }
    return store;
  }

  /** The provider named {@code name}, or the only one when none is named; else a clear error. */
  private static StoreProvider choose(Map<String, StoreProvider> providers, @Nullable String name) {
    if (name != null && !name.isEmpty()) {
      StoreProvider provider = providers.get(name);
      if (provider == null) {
        throw new InvalidArgumentException(BACKEND + ": unknown backend \"" + name + "\"; available: "
            + (providers.isEmpty() ? "none" : String.join(", ", providers.keySet())));
      }
      return provider;
    }
    if (providers.size() == 1) {
      return providers.values().iterator().next();
    }
    if (providers.isEmpty()) {
      throw new InvalidArgumentException(BACKEND + ": no backend on the class path; add"
          + " one such as dev.ctrstore:ctrstore-spi-memory or dev.ctrstore:ctrstore-spi-jdbc");
    }
    throw new InvalidArgumentException(BACKEND + " is not set and several backends are"
        + " available: " + String.join(", ", providers.keySet()));
  }

  /**
   * What an open store is, for the one INFO line of an open: backend, database system and name,
   * location (an H2 file's absolute path, else the masked URL) and schema version.
   */
  static String describe(Store store) {
    StoreInfo info;
    try {
      info = store.info();
    } catch (RuntimeException e) {
      return "backend " + store.getClass().getSimpleName() + " (info unavailable: " + e + ")";
    }
    StringBuilder b = new StringBuilder("backend ").append(info.backend())
        .append(", database ").append(info.system());
    if (!info.database().isEmpty()) {
      b.append(' ').append(Text.quote(info.database()));
    }
    if (!info.location().isEmpty()) {
      b.append(" at ").append(info.location());
    }
    if (info.schemaVersion() != null) {
      b.append(", schema version ").append(info.schemaVersion());
    }
    return b.toString();
  }

  /** The environment variable for a key: {@code ctrstore.jdbc.url} → {@code CTRSTORE_JDBC_URL}. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

}
