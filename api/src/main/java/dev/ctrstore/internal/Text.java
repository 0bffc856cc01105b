package dev.ctrstore.internal;

/** UTF-8 and quoting helpers for rules stated in bytes and for readable messages. */
public final class Text {
  private static final int QUOTE_LIMIT = 80;

  private Text() {}

  /** The length of {@code s} encoded as UTF-8, without encoding it. */
  public static int utf8Length(String s) {
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

  /** True when {@code s} has no unpaired surrogate, i.e. it can be stored as UTF-8 and read back. */
  public static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code s} in double quotes with control characters escaped, shortened when long, so that a
   * message stays one readable line whatever the input.
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), QUOTE_LIMIT) + 8).append('"');
    int end = Math.min(s.length(), QUOTE_LIMIT);
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
    if (s.length() > QUOTE_LIMIT) {
      sb.append("…(").append(utf8Length(s)).append(" bytes)");
    }
    return sb.toString();
  }
}
