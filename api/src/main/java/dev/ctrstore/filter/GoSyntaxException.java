package dev.ctrstore.filter;

/**
 * An expression Go 1.19's {@code regexp} refuses, with Go's error text
 * ({@code error parsing regexp: <code>: `<expr>`}).
 */
final class GoSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  static final String MISSING_BRACKET = "missing closing ]";
  static final String INVALID_ESCAPE = "invalid escape sequence";
  static final String INVALID_CHAR_RANGE = "invalid character class range";
  static final String INVALID_NAMED_CAPTURE = "invalid named capture";
  static final String INVALID_PERL_OP = "invalid or unsupported Perl syntax";
  static final String INVALID_REPEAT_OP = "invalid nested repetition operator";
  static final String INVALID_REPEAT_SIZE = "invalid repeat count";
  static final String INVALID_UTF8 = "invalid UTF-8";
  static final String MISSING_PAREN = "missing closing )";
  static final String MISSING_REPEAT_ARGUMENT = "missing argument to repetition operator";
  static final String TRAILING_BACKSLASH = "trailing backslash at end of expression";
  static final String UNEXPECTED_PAREN = "unexpected )";
  static final String NESTING_DEPTH = "expression nests too deeply";
  /** Go 1.19 reports its size limits as an internal error (later versions: "too large"). */
  static final String TOO_LARGE = "regexp/syntax: internal error";

  private final String code;

  GoSyntaxException(String code, String expr) {
    super("error parsing regexp: " + code + ": `" + shorten(expr) + "`", null, false, false);
    this.code = code;
  }

  /** Go's error code text, e.g. {@code invalid repeat count}. */
  String code() {
    return code;
  }

  private static String shorten(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
