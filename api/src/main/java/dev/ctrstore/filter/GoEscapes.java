package dev.ctrstore.filter;

import dev.ctrstore.filter.GoRe.Op;

/**
 * Escapes of {@link GoParser} outside brackets: the assertions ({@code \A}, {@code \b},
 * {@code \B}, {@code \z}), quoted text ({@code \Q…\E}), Unicode and Perl classes
 * ({@code \pL}, {@code \d}) and single escaped runes, in Go's order of trying them.
 */
final class GoEscapes {
  private final GoParser p;

  GoEscapes(GoParser p) {
    this.p = p;
  }

  /** At a backslash: returns the index after the escape. */
  int backslash(int t) throws GoSyntaxException {
    String s = p.whole;
    if (t + 1 < s.length()) {
      switch (s.charAt(t + 1)) {
        case 'A' -> {
          p.op(Op.BEGIN_TEXT);
          return t + 2;
        }
        case 'b' -> {
          p.op(Op.WORD_BOUNDARY);
          return t + 2;
        }
        case 'B' -> {
          p.op(Op.NO_WORD_BOUNDARY);
          return t + 2;
        }
        case 'C' -> throw new GoSyntaxException(GoSyntaxException.INVALID_ESCAPE,
            s.substring(t, t + 2));
        case 'Q' -> {
          int end = s.indexOf("\\E", t + 2);
          int stop = end < 0 ? s.length() : end;
          int k = t + 2;
          while (k < stop) {
            int r = p.text.nextRune(k);
            k += Character.charCount(r);
            p.literal(r);
          }
          return end < 0 ? s.length() : end + 2;
        }
        case 'z' -> {
          p.op(Op.END_TEXT);
          return t + 2;
        }
        default -> { }
      }
    }
    GoClassParser classes = new GoClassParser(p);
    GoRe re = p.newRegexp(Op.CHAR_CLASS);
    re.flags = p.flags;
    if (t + 1 < s.length() && (s.charAt(t + 1) == 'p' || s.charAt(t + 1) == 'P')) {
      RuneList r = new RuneList();
      int rest = classes.parseUnicodeClass(t, r);
      if (rest >= 0) {
        re.setRunes(r.array(), r.size());
        p.push(re);
        return rest;
      }
    }
    RuneList r = new RuneList();
    int rest = classes.parsePerlClassEscape(t, r);
    if (rest >= 0) {
      re.setRunes(r.array(), r.size());
      p.push(re);
      return rest;
    }
    p.reuse(re);
    long escape = p.text.parseEscape(t);
    p.literal((int) (escape >>> 32));
    return (int) escape;
  }
}
