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

  /** {@code url} with every password replaced by {@code ****}. */
  static String mask(@Nullable String url) {
    if (url == null) {
      return "null";
    }
    String s = AUTHORITY.matcher(url).replaceAll("$1:****@");
    return PARAM.matcher(s).replaceAll("$1****");
  }
}
