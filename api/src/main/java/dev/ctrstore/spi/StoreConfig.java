package dev.ctrstore.spi;

import dev.ctrstore.InvalidArgumentException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The resolved configuration handed to a {@link StoreProvider}: every {@code ctrstore.*} key,
 * after system properties, environment and file were merged, and the object-valued settings an
 * application gave in code ({@link dev.ctrstore.Stores.Builder#option}), such as a metrics
 * registry for a backend's connection pool. Immutable (the objects themselves are the
 * application's). {@link #toString()} masks secrets (keys ending in {@code password} or {@code
 * secret}) and shows objects by their class.
 */
public final class StoreConfig {
  private final Map<String, String> values;
  private final Map<String, Object> objects;

  private StoreConfig(Map<String, String> values, Map<String, ?> objects) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    this.objects = Collections.unmodifiableMap(new TreeMap<>(objects));
  }

  /** A configuration holding exactly these entries, and no object-valued settings. */
  public static StoreConfig of(Map<String, String> values) {
    return new StoreConfig(values, Map.of());
  }

  /** A configuration holding exactly these text entries and object-valued settings. */
  public static StoreConfig of(Map<String, String> values, Map<String, ?> objects) {
    return new StoreConfig(values, objects);
  }

  /**
   * The object-valued setting under {@code key}, if the application gave one ({@link
   * dev.ctrstore.Stores.Builder#option}). A backend checks its type and fails the open with
   * {@link InvalidArgumentException} naming the key when it cannot use it.
   */
  public Optional<Object> object(String key) {
    return Optional.ofNullable(objects.get(key));
  }

  /** The object-valued settings under {@code prefix} (which should end in "."), with the prefix removed. */
  public Map<String, Object> objectsWithPrefix(String prefix) {
    Map<String, Object> out = new TreeMap<>();
    objects.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  /** The value of a key, if set. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The value of a key, or {@code defaultValue} when unset. */
  public String get(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  /**
   * The value of a key read as an integer, or {@code defaultValue} when unset.
   *
   * @throws InvalidArgumentException naming the key when the value is not an integer
   */
  public int getInt(String key, int defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException(key + ": expected an integer, got \"" + v + "\"");
    }
  }

  /**
   * The value of a key read as a boolean ({@code true} or {@code false}), or {@code
   * defaultValue} when unset.
   *
   * @throws InvalidArgumentException naming the key for any other value
   */
  public boolean getBoolean(String key, boolean defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidArgumentException(
          key + ": expected true or false, got \"" + v + "\"");
    };
  }

  /** The entries under {@code prefix} (which should end in "."), with the prefix removed. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  /** Every key that is set. */
  public Set<String> keys() {
    return values.keySet();
  }

  /** True for keys whose values must never be printed. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.endsWith("password") || k.endsWith("secret");
  }

  /**
   * {@code value} with any inline {@code password=…} (as in JDBC URLs) replaced by {@code ****},
   * for messages and logs.
   */
  public static String maskInline(String value) {
    return INLINE_SECRET.matcher(value).replaceAll("$1****");
  }

  private static final java.util.regex.Pattern INLINE_SECRET =
      java.util.regex.Pattern.compile("(?i)((?:password|pwd|secret)=)[^&;]*");

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("StoreConfig{");
    String sep = "";
    for (Map.Entry<String, String> e : values.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=')
          .append(isSecret(e.getKey()) ? "****" : maskInline(e.getValue()));
      sep = ", ";
    }
    for (Map.Entry<String, Object> e : objects.entrySet()) {
      sb.append(sep).append(e.getKey()).append("=<").append(e.getValue().getClass().getName())
          .append('>');
      sep = ", ";
    }
    return sb.append('}').toString();
  }
}
