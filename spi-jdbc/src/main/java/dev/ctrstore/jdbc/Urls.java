package dev.ctrstore.jdbc;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Keeps passwords out of messages and logs. */
final class Urls {
  // user:password@host (MySQL URL authority form)
  private static final Pattern AUTHORITY = Pattern.compile("(//[^/@:?;]*):[^/@]*@");
  // password=... as a query or H2 setting, up to the next separator
  private static final Pattern PARAM =
      Pattern.compile("(?i)((?:^|[?&;,(])\\s*(?:password|pwd|[a-z0-9_.-]*password)\\s*=)[^&;,)]*");

  private Urls() {}

  /**
   * An H2 or SQLite file URL with its relative path ({@code ./…}, {@code ../…}) or home path
   * ({@code ~/…}, H2 only) made absolute, as the driver resolves it: where the data lives,
   * whatever the reader's working directory. Any other URL is returned as it is.
   */
  static String absoluteFile(String url) {
    for (String prefix : new String[] {"jdbc:h2:file:", "jdbc:h2:", "jdbc:sqlite:"}) {
      if (url.regionMatches(true, 0, prefix, 0, prefix.length())) {
        String rest = url.substring(prefix.length());
        if (rest.startsWith("./") || rest.startsWith("../")) {
          String tail = settingsTail(rest);
          String path = rest.substring(0, rest.length() - tail.length());
          return prefix + java.nio.file.Path.of("").toAbsolutePath().resolve(path).normalize()
              .toString().replace('\\', '/') + tail;
        }
        if (rest.startsWith("~/") && prefix.startsWith("jdbc:h2")) {
          return prefix + System.getProperty("user.home") + rest.substring(1);
        }
        return url;
      }
    }
    return url;
  }

  /**
   * The settings after the path (H2's {@code ;…}, SQLite's {@code ?…}), or empty; the path
   * itself is {@code rest} up to it.
   */
  private static String settingsTail(String rest) {
    int semi = rest.indexOf(';');
    int query = rest.indexOf('?');
    int cut = semi < 0 ? query : query < 0 ? semi : Math.min(semi, query);
    return cut < 0 ? "" : rest.substring(cut);
  }

  /** {@code url} with every password replaced by {@code ****}. */
  static String mask(@Nullable String url) {
    if (url == null) {
      return "null";
    }
    String s = AUTHORITY.matcher(url).replaceAll("$1:****@");
    return PARAM.matcher(s).replaceAll("$1****");
  }
}
