package dev.ctrstore.filter;

import dev.ctrstore.InvalidArgumentException;

/**
 * A position in one filter string, read by code point. Every character is checked as it is
 * reached: containerd refuses a raw NUL, the character U+FFFD and invalid UTF-8 wherever they
 * occur, and any such character is eventually reached by a parse that could succeed, so failing
 * on the first look is equivalent. A lone surrogate is Java's form of invalid UTF-8.
 */
final class Cursor {
  static final int EOF = -1;

  private final String input;
  private int pos;

  Cursor(String input) {
    this.input = input;
  }

  int pos() {
    return pos;
  }

  /** The code point at the position, or {@link #EOF}; fails on an illegal character. */
  int peek() {
    if (pos >= input.length()) {
      return EOF;
    }
    char c = input.charAt(pos);
    if (c == 0) {
      throw error(pos, "unexpected null");
    }
    if (c == 0xFFFD) {
      throw error(pos, "rune error");
    }
    if (Character.isHighSurrogate(c)) {
      if (pos + 1 < input.length() && Character.isLowSurrogate(input.charAt(pos + 1))) {
        return Character.toCodePoint(c, input.charAt(pos + 1));
      }
      throw error(pos, "rune error (unpaired surrogate)");
    }
    if (Character.isLowSurrogate(c)) {
      throw error(pos, "rune error (unpaired surrogate)");
    }
    return c;
  }

  /** Moves past the code point that {@link #peek} returned. */
  void advance(int codePoint) {
    pos += Character.charCount(codePoint);
  }

  /** Moves past white space: only where containerd's scanner expects a token. */
  void skipSpace() {
    int c;
    while ((c = peek()) != EOF && FilterText.isSpace(c)) {
      advance(c);
    }
  }

  String text(int from) {
    return input.substring(from, pos);
  }

  InvalidArgumentException error(int at, String reason) {
    return new InvalidArgumentException(FilterText.message(input, at, reason));
  }
}
