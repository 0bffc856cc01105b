package dev.ctrstore.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Parser of one filter string (docs/semantics.md §8.2 and §8.3), written from the spec. It reproduces
 * containerd's scanner where that differs from its documented grammar: white space is skipped
 * only where a token is expected, operators are read as greedy runs of {@code = ! ~}, and a bare
 * value may start with any character that cannot start another token. Iterative, one pass, no
 * recursion, so input length is bounded only by memory.
 */
final class FilterParser {
  private final Cursor in;

  private FilterParser(String filter) {
    this.in = new Cursor(filter);
  }

  /** Parses one string; {@code ""} gives no selectors, which matches everything. */
  static List<Selector> parse(String filter) {
    if (filter.isEmpty()) {
      return List.of();
    }
    return new FilterParser(filter).selectors();
  }

  private List<Selector> selectors() {
    List<Selector> out = new ArrayList<>();
    out.add(selector());
    while (true) {
      int c = in.peek();
      if (c == Cursor.EOF) {
        return out;
      }
      if (c != ',') {
        throw in.error(in.pos(), "unexpected input: " + new String(Character.toChars(c)));
      }
      in.advance(c);
      out.add(selector());
    }
  }

  private Selector selector() {
    List<String> path = new ArrayList<>();
    boolean pathValid = field(path);
    while (in.peek() == '.') {
      in.advance('.');
      pathValid &= field(path);
    }
    int next = in.peek();
    if (next == Cursor.EOF || next == ',') {
      return new Selector(path, Operator.PRESENT, "", true, null, pathValid);
    }
    Operator op = operator();
    int at = skipSpaceTo();
    int c = in.peek();
    if (c == Cursor.EOF || c == '.' || c == ',' || FilterText.isOperatorChar(c)) {
      throw in.error(at, "expected value or quoted");
    }
    if (FilterText.isQuote(c)) {
      QuotedLiteral q = QuotedLiteral.read(in);
      if (c != '"' && op != Operator.MATCHES) {
        throw in.error(at, "invalid quote encountered");
      }
      return selector(path, pathValid, op, q.text(), q.validUtf8(), at);
    }
    in.advance(c);
    int v;
    while ((v = in.peek()) != Cursor.EOF && FilterText.isValueChar(v)) {
      in.advance(v);
    }
    return selector(path, pathValid, op, in.text(at), true, at);
  }

  private Selector selector(List<String> path, boolean pathValid, Operator op, String value,
      boolean validUtf8, int at) {
    if (op != Operator.MATCHES) {
      return new Selector(path, op, value, validUtf8, null, pathValid);
    }
    if (!validUtf8) {
      // Go's regexp refuses invalid UTF-8; under D-8 (docs/semantics.md §13.1) that is a parse error.
      throw in.error(at, "invalid regular expression: invalid UTF-8");
    }
    try {
      return new Selector(path, op, value, true, Regexes.compile(value), pathValid);
    } catch (Regexes.InvalidRegexException e) {
      throw in.error(at, "invalid regular expression " + quoted(value) + ": " + e.getMessage());
    }
  }

  /** Reads one path component into {@code path}; returns whether it was valid UTF-8. */
  private boolean field(List<String> path) {
    int at = skipSpaceTo();
    int c = in.peek();
    if (FilterText.isQuote(c)) {
      QuotedLiteral q = QuotedLiteral.read(in);
      if (c != '"') {
        throw in.error(at, "invalid quote encountered");
      }
      path.add(q.text());
      return q.validUtf8();
    }
    if (!FilterText.isFieldChar(c)) {
      throw in.error(at, "expected field or quoted");
    }
    while (FilterText.isFieldChar(in.peek())) {
      in.advance(in.peek());
    }
    path.add(in.text(at));
    return true;
  }

  private Operator operator() {
    int at = skipSpaceTo();
    int c = in.peek();
    if (FilterText.isQuote(c)) {
      // containerd scans the quoted literal first, so an unterminated one is reported as such.
      QuotedLiteral.read(in);
    }
    while ((c = in.peek()) != Cursor.EOF && FilterText.isOperatorChar(c)) {
      in.advance(c);
    }
    return switch (in.text(at)) {
      case "==" -> Operator.EQUALS;
      case "!=" -> Operator.NOT_EQUALS;
      case "~=" -> Operator.MATCHES;
      case "" -> throw in.error(at, "expected an operator (\"==\"|\"!=\"|\"~=\")");
      default -> throw in.error(at, "unsupported operator " + quoted(in.text(at)));
    };
  }

  private int skipSpaceTo() {
    in.skipSpace();
    return in.pos();
  }

  private static String quoted(String s) {
    String shown = s.length() <= 200 ? s : s.substring(0, 200) + "…";
    return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
