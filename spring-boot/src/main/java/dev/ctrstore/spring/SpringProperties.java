package dev.ctrstore.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The {@code ctrstore.*} entries of the application's own property sources ({@code
 * application.properties}, {@code application.yaml}, test properties, …), bound with Spring's
 * relaxed rules and spelt as {@link dev.ctrstore.Stores} expects them: a kebab-case segment
 * becomes camelCase ({@code ctrstore.jdbc.pool.maximum-pool-size} is HikariCP's {@code
 * maximumPoolSize}). System properties and environment variables are left out here: {@code
 * Stores} reads them itself, by its own rules and with its own precedence, so a {@code
 * CTRSTORE_*} variable that is no key is ignored as it is by {@code Stores.open()}.
 */
final class SpringProperties {
  static final String PREFIX = "ctrstore";

  private SpringProperties() {}

  /** The entries, keyed by their full {@code ctrstore.*} names. */
  static Map<String, String> read(ConfigurableEnvironment env) {
    List<PropertySource<?>> own = new ArrayList<>();
    for (PropertySource<?> source : env.getPropertySources()) {
      String name = source.getName();
      if (source instanceof EnumerablePropertySource<?>
          && !name.equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
          && !name.equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
          && !name.equals("configurationProperties")) {
        own.add(source);
      }
    }
    Binder binder = new Binder(ConfigurationPropertySources.from(own),
        new PropertySourcesPlaceholdersResolver(env));
    Map<String, String> bound = binder.bind(PREFIX, Bindable.mapOf(String.class, String.class))
        .orElseGet(Map::of);
    Map<String, String> out = new TreeMap<>();
    bound.forEach((k, v) -> out.put(PREFIX + "." + camel(k), v));
    return out;
  }

  /** {@code jdbc.pool.maximum-pool-size} → {@code jdbc.pool.maximumPoolSize}. */
  static String camel(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    boolean upper = false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '-') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }
}
