package dev.ctrstore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.ctrstore.InvalidArgumentException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code ctrstore.jdbc.pool.*} keys against HikariCP's property names before HikariCP
 * sees them: HikariCP logs an {@code ERROR} line of its own before it throws on an unknown name
 * or a malformed number, and the user should read one message, ctrstore's, naming the key and
 * the nearest property. A name is HikariCP's when {@link HikariConfig} has a public one-argument
 * setter for it ({@code maximumPoolSize} → {@code setMaximumPoolSize}, matched as HikariCP does);
 * {@code dataSource.<property>} goes to the driver and is not checked here.
 */
final class PoolKeys {
  /** Setter-derived property name → parameter type, e.g. {@code maximumPoolSize → int}. */
  private static final Map<String, Class<?>> PROPERTIES = properties();

  private PoolKeys() {}

  /** Fails with {@link InvalidArgumentException} on the first key HikariCP would refuse. */
  static void check(Map<String, String> user) {
    for (Map.Entry<String, String> e : user.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("dataSource.")) {
        continue;
      }
      Class<?> type = typeOf(name);
      if (type == null) {
        String near = nearest(name);
        throw new InvalidArgumentException(JdbcStoreProvider.POOL_PREFIX + name + ": \"" + name
            + "\" is not a HikariCP property" + (near == null ? "" : " (did you mean "
            + JdbcStoreProvider.POOL_PREFIX + near + "?)") + "; keys under "
            + JdbcStoreProvider.POOL_PREFIX + " are HikariCP property names, and "
            + JdbcStoreProvider.POOL_PREFIX + "dataSource.<name> sets a driver property");
      }
      if (type == int.class) {
        try {
          Integer.parseInt(e.getValue().trim());
        } catch (NumberFormatException x) {
          throw new InvalidArgumentException(JdbcStoreProvider.POOL_PREFIX + name + ": \""
              + e.getValue() + "\" is not a whole number", x);
        }
      }
    }
  }

  /** HikariCP's lookup: {@code set} + the name capitalised, else {@code set} + the name upper-cased. */
  private static @Nullable Class<?> typeOf(String name) {
    if (name.isEmpty()) {
      return null;
    }
    Class<?> t = PROPERTIES.get(name.substring(0, 1).toUpperCase(Locale.ENGLISH) + name.substring(1));
    return t != null ? t : PROPERTIES.get(name.toUpperCase(Locale.ENGLISH));
  }

  private static @Nullable String nearest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String p : PROPERTIES.keySet()) {
      String candidate = Character.toLowerCase(p.charAt(0)) + p.substring(1);
      int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= 3 ? best : null;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The part after {@code set} of each public one-argument setter of {@link HikariConfig}. */
  private static Map<String, Class<?>> properties() {
    Map<String, Class<?>> byName = new TreeMap<>();
    for (Method m : HikariConfig.class.getMethods()) {
      if (m.getName().startsWith("set") && m.getName().length() > 3 && m.getParameterCount() == 1
          && !Modifier.isStatic(m.getModifiers())) {
        byName.putIfAbsent(m.getName().substring(3), m.getParameterTypes()[0]);
      }
    }
    return byName;
  }
}
