package dev.ctrstore.jdbc;

/**
 * Quotes user input for a message so it stays one readable line: the same form the engine uses
 * for namespaces and ids, kept here because a backend does not depend on the library's internals.
 */
final class Quote {
  private static final int LIMIT = 80;

  private Quote() {}

  /** {@code s} in double quotes, control characters escaped, cut after 80 characters. */
  static String of(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), LIMIT) + 8).append('"');
    int end = Math.min(s.length(), LIMIT);
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
    if (s.length() > LIMIT) {
      sb.append("…(").append(utf8Length(s)).append(" bytes)");
    }
    return sb.toString();
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
