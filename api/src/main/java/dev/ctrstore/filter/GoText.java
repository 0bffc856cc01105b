package dev.ctrstore.filter;

import org.jspecify.annotations.Nullable;

/**
 * The text of one expression as Go's {@code regexp/syntax} reads it, apart from the tree the
 * parser builds: code points (a lone surrogate is Go's invalid UTF-8), backslash escapes and the
 * counts of a {@code {n,m}} repetition. Positions are indexes into the Java string.
 */
final class GoText {
  private final String text;

  GoText(String text) {
    this.text = text;
  }

  /** Go's parseRepeat: {min, max (-1 for none), index after}; null if not a repetition. */
  int @Nullable [] parseRepeat(int t) {
    String s = text;
    int k = t + 1;
    long[] n = parseInt(k);
    if (n == null) {
      return null;
    }
    int min = (int) n[0];
    k = (int) n[1];
    if (k >= s.length()) {
      return null;
    }
    int max;
    if (s.charAt(k) != ',') {
      max = min;
    } else {
      k++;
      if (k >= s.length()) {
        return null;
      }
      if (s.charAt(k) == '}') {
        max = -1;
      } else {
        long[] m = parseInt(k);
        if (m == null) {
          return null;
        }
        max = (int) m[0];
        k = (int) m[1];
        if (max < 0) {
          min = -1;
        }
      }
    }
    if (k >= s.length() || s.charAt(k) != '}') {
      return null;
    }
    return new int[] {min, max, k + 1};
  }

  /** Go's parseInt: {value or -1 when too big, index after}; null without digits. */
  private long @Nullable [] parseInt(int k) {
    String s = text;
    if (k >= s.length() || s.charAt(k) < '0' || s.charAt(k) > '9') {
      return null;
    }
    if (k + 1 < s.length() && s.charAt(k) == '0' && s.charAt(k + 1) >= '0'
        && s.charAt(k + 1) <= '9') {
      return null;
    }
    long n = 0;
    int i = k;
    for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
      if (n >= 0) {
        n = n >= 100_000_000 ? -1 : n * 10 + (s.charAt(i) - '0');
      }
    }
    return new long[] {n, i};
  }

  /**
   * Go's parseEscape at the backslash at {@code t}: the rune in the high 32 bits, the index
   * after the escape in the low 32 bits.
   */
  long parseEscape(int t) throws GoSyntaxException {
    String s = text;
    int k = t + 1;
    if (k >= s.length()) {
      throw new GoSyntaxException(GoSyntaxException.TRAILING_BACKSLASH, "");
    }
    int c = nextRune(k);
    k += Character.charCount(c);
    switch (c) {
      case '1', '2', '3', '4', '5', '6', '7', '0' -> {
        if (c != '0' && (k >= s.length() || s.charAt(k) < '0' || s.charAt(k) > '7')) {
          break;
        }
        int r = c - '0';
        for (int i = 1; i < 3; i++) {
          if (k >= s.length() || s.charAt(k) < '0' || s.charAt(k) > '7') {
            break;
          }
          r = r * 8 + s.charAt(k) - '0';
          k++;
        }
        return pack(r, k);
      }
      case 'x' -> {
        if (k >= s.length()) {
          break;
        }
        c = nextRune(k);
        k += Character.charCount(c);
        if (c == '{') {
          int nhex = 0;
          int r = 0;
          boolean closed = false;
          while (k < s.length()) {
            c = nextRune(k);
            k += Character.charCount(c);
            if (c == '}') {
              closed = true;
              break;
            }
            int v = unhex(c);
            if (v < 0) {
              break;
            }
            r = r * 16 + v;
            if (r > Character.MAX_CODE_POINT) {
              break;
            }
            nhex++;
          }
          if (!closed || nhex == 0) {
            break;
          }
          return pack(r, k);
        }
        int x = unhex(c);
        if (k >= s.length()) {
          // Go's nextRune on an empty rest is not an error: it yields RuneError.
          break;
        }
        c = nextRune(k);
        k += Character.charCount(c);
        int y = unhex(c);
        if (x < 0 || y < 0) {
          break;
        }
        return pack(x * 16 + y, k);
      }
      case 'a' -> {
        return pack(7, k);
      }
      case 'f' -> {
        return pack('\f', k);
      }
      case 'n' -> {
        return pack('\n', k);
      }
      case 'r' -> {
        return pack('\r', k);
      }
      case 't' -> {
        return pack('\t', k);
      }
      case 'v' -> {
        return pack(0x0b, k);
      }
      default -> {
        if (c < 0x80 && !isAlnum(c)) {
          return pack(c, k);
        }
      }
    }
    throw new GoSyntaxException(GoSyntaxException.INVALID_ESCAPE, s.substring(t, k));
  }

  private static long pack(int r, int next) {
    return ((long) r << 32) | (next & 0xffffffffL);
  }

  static int unhex(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** The code point at {@code k}; a lone surrogate is Go's invalid UTF-8. */
  int nextRune(int k) throws GoSyntaxException {
    int c = text.codePointAt(k);
    if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
      throw new GoSyntaxException(GoSyntaxException.INVALID_UTF8, text.substring(k));
    }
    return c;
  }

  void checkUtf8(int from, int to) throws GoSyntaxException {
    for (int k = from; k < to; ) {
      k += Character.charCount(nextRune(k));
    }
  }

  /** An ASCII letter or digit. */
  static boolean isAlnum(int c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }
}
