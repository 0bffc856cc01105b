package dev.ctrstore.internal;

import dev.ctrstore.InvalidArgumentException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fail-fast checks on configuration keys: an unknown {@code ctrstore.*} key and a {@code
 * CTRSTORE_*} environment variable that looks like a misspelt setting both fail the open with
 * {@link InvalidArgumentException} naming what was given and the nearest known key.
 *
 * <p>The environment is shared with other programs (and with ctrstore's own tests and command
 * line, e.g. {@code CTRSTORE_NAMESPACE}), so not every {@code CTRSTORE_*} variable is a setting.
 * One is refused when it lies in a backend's section ({@code CTRSTORE_JDBC_…} with the {@code
 * jdbc} backend on the class path) without being one of its keys, or when it is within two edits
 * of a known key's variable ({@code CTRSTORE_BAKEND}); any other is left alone.
 */
final class ConfigChecks {
  private static final String ENV_PREFIX = "CTRSTORE_";
  private static final String PREFIX = "ctrstore.";
  /** The most edits between a variable and a known one for it to count as a misspelling. */
  private static final int NEAR = 2;
  /** The most edits between an unknown key and the known one suggested for it. */
  private static final int NEAR_KEY = 3;

  private ConfigChecks() {}

  /** Fails on the first key of {@code merged} that no backend knows. */
  static void checkKeys(Collection<String> merged, Set<String> known, Set<String> backends) {
    for (String k : merged) {
      if (!isKnown(k, known)) {
        String near = nearest(k, known.stream().filter(x -> !x.endsWith(".*")).toList(), NEAR_KEY);
        String section = section(k);
        if (near == null && section != null && !backends.contains(section)
            && known.stream().noneMatch(x -> section.equals(section(x)))) {
          throw new InvalidArgumentException("configuration key \"" + k + "\" is for backend \""
              + section + "\", which is not on the class path (backends on the class path: "
              + (backends.isEmpty() ? "none" : String.join(", ", backends)) + "); add its jar,"
              + " or remove the " + PREFIX + section + ".* keys");
        }
        throw new InvalidArgumentException("unknown configuration key \"" + k + "\""
            + (near == null ? "" : " (did you mean \"" + near + "\"?)") + "; known keys: "
            + String.join(", ", known) + " (backends on the class path: "
            + String.join(", ", backends) + ")");
      }
    }
  }

  /**
   * Fails on a {@code CTRSTORE_*} variable that looks like a setting but is none (see the class
   * comment).
   */
  static void checkEnvironment(Map<String, String> env, Set<String> known, Set<String> backends) {
    Map<String, String> byVariable = new java.util.TreeMap<>();
    for (String k : known) {
      if (!k.endsWith(".*")) {
        byVariable.put(ConfigResolver.envName(k), k);
      }
    }
    for (String name : new java.util.TreeSet<>(env.keySet())) {
      if (!name.startsWith(ENV_PREFIX) || byVariable.containsKey(name)) {
        continue;
      }
      for (String k : known) {
        if (k.endsWith(".*") && name.startsWith(ConfigResolver.envName(k.substring(0, k.length() - 1)))) {
          throw new InvalidArgumentException("environment variable " + name + ": keys under "
              + k.substring(0, k.length() - 1) + " cannot be set from the environment (their"
              + " names are case-sensitive); set them as system properties or in the file");
        }
      }
      String near = nearest(name, byVariable.keySet(), NEAR);
      boolean inSection = backends.stream()
          .anyMatch(b -> name.startsWith(ENV_PREFIX + b.toUpperCase(Locale.ROOT) + "_"));
      if (near != null || inSection) {
        throw new InvalidArgumentException("environment variable " + name + " is not a ctrstore"
            + " setting" + (near == null ? "" : " (did you mean " + near + "?)")
            + "; known variables: " + String.join(", ", byVariable.keySet()));
      }
    }
  }

  /** {@code jdbc} for {@code ctrstore.jdbc.url}; null for a key with no section. */
  private static @Nullable String section(String key) {
    if (!key.startsWith(PREFIX)) {
      return null;
    }
    int dot = key.indexOf('.', PREFIX.length());
    return dot < 0 ? null : key.substring(PREFIX.length(), dot);
  }

  static boolean isKnown(String key, Set<String> known) {
    if (known.contains(key)) {
      return true;
    }
    for (String k : known) {
      if (k.endsWith(".*") && key.startsWith(k.substring(0, k.length() - 1))
          && key.length() > k.length() - 1) {
        return true;
      }
    }
    return false;
  }

  /** The candidate fewest edits from {@code s} (ignoring case), if at most {@code max} away. */
  static @Nullable String nearest(String s, Collection<String> candidates, int max) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(s.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return bestDistance <= max ? best : null;
  }

  /** Levenshtein distance, with a transposition counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
