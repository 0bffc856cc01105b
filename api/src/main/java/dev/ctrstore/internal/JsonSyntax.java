package dev.ctrstore.internal;

import org.jspecify.annotations.Nullable;

/**
 * Checks that a string is one JSON object (RFC 8259), without building it: {@code api} has no
 * JSON library, and a spec only needs to be well-formed here, since the store never reads it.
 * Nesting is limited to {@value #MAX_DEPTH} levels so that no input can exhaust the stack.
 */
public final class JsonSyntax {
  /** Deeper than any OCI spec; deep enough that a real document never meets it. */
  static final int MAX_DEPTH = 512;

  private final String s;
  private int pos;

  private JsonSyntax(String s) {
    this.s = s;
  }

  /** {@code null} when {@code text} is exactly one JSON object, else what is wrong and where. */
  public static @Nullable String objectProblem(String text) {
    JsonSyntax p = new JsonSyntax(text);
    try {
      p.space();
      if (p.pos >= text.length() || text.charAt(p.pos) != '{') {
        return "must be a JSON object (starting with '{') at offset " + p.pos;
      }
      p.value(0);
      p.space();
      if (p.pos != text.length()) {
        return "unexpected text after the JSON object at offset " + p.pos;
      }
      return null;
    } catch (Problem e) {
      return e.getMessage();
    }
  }

  private void value(int depth) {
    if (depth >= MAX_DEPTH) {
      throw problem("nested deeper than " + MAX_DEPTH + " levels");
    }
    char c = peek();
    switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
        } else {
          throw problem("expected a value");
        }
      }
    }
  }

  private void object(int depth) {
    pos++; // '{'
    space();
    if (peek() == '}') {
      pos++;
      return;
    }
    while (true) {
      space();
      if (peek() != '"') {
        throw problem("expected a member name in double quotes");
      }
      string();
      space();
      expect(':');
      space();
      value(depth + 1);
      space();
      char c = peek();
      pos++;
      if (c == '}') {
        return;
      }
      if (c != ',') {
        pos--;
        throw problem("expected ',' or '}'");
      }
    }
  }

  private void array(int depth) {
    pos++; // '['
    space();
    if (peek() == ']') {
      pos++;
      return;
    }
    while (true) {
      space();
      value(depth + 1);
      space();
      char c = peek();
      pos++;
      if (c == ']') {
        return;
      }
      if (c != ',') {
        pos--;
        throw problem("expected ',' or ']'");
      }
    }
  }

  private void string() {
    pos++; // opening quote
    while (true) {
      char c = peek();
      pos++;
      if (c == '"') {
        return;
      }
      if (c < 0x20) {
        pos--;
        throw problem("control character in a string");
      }
      if (c == '\\') {
        char e = peek();
        pos++;
        if (e == 'u') {
          for (int i = 0; i < 4; i++) {
            if (Character.digit(peek(), 16) < 0) {
              throw problem("expected four hex digits after \\u");
            }
            pos++;
          }
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          pos--;
          throw problem("illegal escape");
        }
      }
    }
  }

  private void number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else {
      digits();
    }
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      digits();
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      digits();
    }
    if (pos == start) {
      throw problem("expected a number");
    }
  }

  private void digits() {
    if (!isDigit(peek())) {
      throw problem("expected a digit");
    }
    while (pos < s.length() && isDigit(s.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void literal(String word) {
    if (!s.startsWith(word, pos)) {
      throw problem("expected a value");
    }
    pos += word.length();
  }

  private void expect(char c) {
    if (peek() != c) {
      throw problem("expected '" + c + "'");
    }
    pos++;
  }

  private void space() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private char peek() {
    if (pos >= s.length()) {
      throw new Problem("unexpected end of text at offset " + pos);
    }
    return s.charAt(pos);
  }

  private Problem problem(String what) {
    return new Problem(what + " at offset " + pos);
  }

  /** Unwinds the descent; never leaves this class. */
  private static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message, null, false, false);
    }
  }
}
