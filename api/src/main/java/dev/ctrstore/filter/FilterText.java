package dev.ctrstore.filter;

/**
 * Character classes and error messages of the filter language (spec section 8.3). The classes
 * follow Go's {@code unicode} package, not {@link Character#isWhitespace}, which disagrees on
 * U+00A0 and U+001C..U+001F.
 */
final class FilterText {
  private FilterText() {}

  /** Go's {@code unicode.IsSpace}: the Unicode White_Space property. */
  static boolean isSpace(int c) {
    return switch (c) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F,
          0x3000 -> true;
      default -> c >= 0x2000 && c <= 0x200A;
    };
  }

  static boolean isFieldChar(int c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  static boolean isOperatorChar(int c) {
    return c == '=' || c == '!' || c == '~';
  }

  static boolean isQuote(int c) {
    return c == '"' || c == '/' || c == '|';
  }

  /**
   * Whether a bare value continues over {@code c}: letters, marks, numbers, punctuation, symbols
   * (Go's IsLetter/IsDigit/IsNumber/IsGraphic/IsPunct), but never a comma or white space. Java
   * 17 and Go 1.20 both use Unicode 13, so the categories agree.
   */
  static boolean isValueChar(int c) {
    if (c == ',' || isSpace(c)) {
      return false;
    }
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL, Character.SPACE_SEPARATOR -> true;
      default -> false;
    };
  }

  /** Longest piece of the input shown on each side of the error position. */
  private static final int CONTEXT = 120;

  /**
   * containerd's message shape, {@code filters: parse error: [before >|c|< after]: reason}, with
   * the 0-based UTF-16 position appended. Long inputs are shortened around the position so a
   * huge filter cannot produce a huge message; control characters are shown escaped.
   */
  static String message(String input, int pos, String reason) {
    StringBuilder b = new StringBuilder("filters: parse error: [");
    if (pos < input.length()) {
      int end = pos + Character.charCount(input.codePointAt(pos));
      b.append(shown(input, Math.max(0, pos - CONTEXT), pos, true))
          .append(" >|").append(shown(input, pos, end, false)).append("|< ")
          .append(shown(input, end, Math.min(input.length(), end + CONTEXT), false));
      if (end + CONTEXT < input.length()) {
        b.append('…');
      }
    } else {
      b.append(shown(input, Math.max(0, pos - CONTEXT), input.length(), true));
    }
    return b.append("]: ").append(reason).append(" (at position ").append(pos)
        .append(" of ").append(input.length()).append(')').toString();
  }

  private static String shown(String s, int from, int to, boolean ellipsisBefore) {
    StringBuilder b = new StringBuilder();
    if (ellipsisBefore && from > 0) {
      b.append('…');
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean lone = Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1)))
          && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
      if (c < 0x20 || c == 0x7F || lone) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
