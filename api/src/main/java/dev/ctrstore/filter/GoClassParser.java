package dev.ctrstore.filter;

import dev.ctrstore.filter.GoRe.Op;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Go 1.19's character classes: {@code [...]}, Perl classes ({@code \d \s \w} and negations,
 * ASCII only), POSIX classes ({@code [:alpha:]}, ASCII only) and Unicode classes
 * ({@code \pL}, {@code \p{Greek}}, {@code \P{...}}, {@code \p{^...}}), with Go's case folding
 * under {@code (?i)}.
 */
final class GoClassParser {
  private static final int[] DIGIT = {'0', '9'};
  private static final int[] SPACE = {'\t', '\n', '\f', '\r', ' ', ' '};
  private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
  private static final Map<String, int[]> POSIX = Map.ofEntries(
      Map.entry("alnum", new int[] {'0', '9', 'A', 'Z', 'a', 'z'}),
      Map.entry("alpha", new int[] {'A', 'Z', 'a', 'z'}),
      Map.entry("ascii", new int[] {0, 0x7f}),
      Map.entry("blank", new int[] {'\t', '\t', ' ', ' '}),
      Map.entry("cntrl", new int[] {0, 0x1f, 0x7f, 0x7f}),
      Map.entry("digit", DIGIT),
      Map.entry("graph", new int[] {'!', '~'}),
      Map.entry("lower", new int[] {'a', 'z'}),
      Map.entry("print", new int[] {' ', '~'}),
      Map.entry("punct", new int[] {'!', '/', ':', '@', '[', '`', '{', '~'}),
      Map.entry("space", new int[] {'\t', '\r', ' ', ' '}),
      Map.entry("upper", new int[] {'A', 'Z'}),
      Map.entry("word", WORD),
      Map.entry("xdigit", new int[] {'0', '9', 'A', 'F', 'a', 'f'}));
  /** Unicode tables closed under folding, by name (what Go builds from FoldCategory/Script). */
  private static final Map<String, int[]> FOLDED = new ConcurrentHashMap<>();

  private final GoParser p;
  private final String s;

  GoClassParser(GoParser p) {
    this.p = p;
    this.s = p.whole;
  }

  /** Parses the class opening at {@code start}, pushes it, returns the index after it. */
  int parseClass(int start) throws GoSyntaxException {
    int t = start + 1;
    GoRe re = p.newRegexp(Op.CHAR_CLASS);
    re.flags = p.flags;
    RuneList cls = new RuneList();
    int sign = 1;
    if (t < s.length() && s.charAt(t) == '^') {
      sign = -1;
      t++;
      // Go adds \n here unless ClassNL is set; regexp.Compile sets it.
    }
    boolean first = true;
    while (t >= s.length() || s.charAt(t) != ']' || first) {
      first = false;
      if (s.length() - t > 2 && s.charAt(t) == '[' && s.charAt(t + 1) == ':') {
        int nt = parseNamedClass(t, cls);
        if (nt >= 0) {
          t = nt;
          continue;
        }
      }
      int nt = parseUnicodeClass(t, cls);
      if (nt >= 0) {
        t = nt;
        continue;
      }
      nt = parsePerlClassEscape(t, cls);
      if (nt >= 0) {
        t = nt;
        continue;
      }
      int rng = t;
      long lo = parseClassChar(t, start);
      t = (int) lo;
      int hi = (int) (lo >>> 32);
      int low = hi;
      if (s.length() - t >= 2 && s.charAt(t) == '-' && s.charAt(t + 1) != ']') {
        t++;
        long h = parseClassChar(t, start);
        t = (int) h;
        hi = (int) (h >>> 32);
        if (hi < low) {
          throw new GoSyntaxException(GoSyntaxException.INVALID_CHAR_RANGE, s.substring(rng, t));
        }
      }
      if ((p.flags & GoRe.FOLD_CASE) == 0) {
        RuneClasses.appendRange(cls, low, hi);
      } else {
        RuneClasses.appendFoldedRange(cls, low, hi);
      }
    }
    t++;
    RuneClasses.clean(cls);
    if (sign < 0) {
      RuneClasses.negate(cls);
    }
    re.setRunes(cls.array(), cls.size());
    p.push(re);
    return t;
  }

  private long parseClassChar(int t, int wholeClass) throws GoSyntaxException {
    if (t >= s.length()) {
      throw new GoSyntaxException(GoSyntaxException.MISSING_BRACKET, s.substring(wholeClass));
    }
    if (s.charAt(t) == '\\') {
      return p.text.parseEscape(t);
    }
    int r = p.text.nextRune(t);
    return ((long) r << 32) | (t + Character.charCount(r));
  }

  /** A Perl class escape at t appended to r: the index after it, or -1 if there is none. */
  int parsePerlClassEscape(int t, RuneList r) {
    if (s.length() - t < 2 || s.charAt(t) != '\\') {
      return -1;
    }
    int[] cls;
    int sign;
    switch (s.charAt(t + 1)) {
      case 'd' -> { cls = DIGIT; sign = 1; }
      case 'D' -> { cls = DIGIT; sign = -1; }
      case 's' -> { cls = SPACE; sign = 1; }
      case 'S' -> { cls = SPACE; sign = -1; }
      case 'w' -> { cls = WORD; sign = 1; }
      case 'W' -> { cls = WORD; sign = -1; }
      default -> {
        return -1;
      }
    }
    appendGroup(r, cls, sign);
    return t + 2;
  }

  private int parseNamedClass(int t, RuneList r) throws GoSyntaxException {
    int i = s.indexOf(":]", t + 2);
    if (i < 0) {
      return -1;
    }
    String name = s.substring(t, i + 2);
    boolean negated = name.startsWith("[:^");
    int[] cls = POSIX.get(name.substring(negated ? 3 : 2, name.length() - 2));
    if (cls == null) {
      throw new GoSyntaxException(GoSyntaxException.INVALID_CHAR_RANGE, name);
    }
    appendGroup(r, cls, negated ? -1 : 1);
    return i + 2;
  }

  private void appendGroup(RuneList r, int[] cls, int sign) {
    if ((p.flags & GoRe.FOLD_CASE) == 0) {
      if (sign < 0) {
        RuneClasses.appendNegatedClass(r, cls, cls.length);
      } else {
        RuneClasses.appendClass(r, cls, cls.length);
      }
      return;
    }
    RuneList tmp = new RuneList();
    RuneClasses.appendFoldedClass(tmp, cls, cls.length);
    RuneClasses.clean(tmp);
    if (sign < 0) {
      RuneClasses.appendNegatedClass(r, tmp.array(), tmp.size());
    } else {
      RuneClasses.appendClass(r, tmp.array(), tmp.size());
    }
  }

  /** A Unicode class at t appended to r: the index after it, or -1 if there is none. */
  int parseUnicodeClass(int t, RuneList r) throws GoSyntaxException {
    if (s.length() - t < 2 || s.charAt(t) != '\\'
        || s.charAt(t + 1) != 'p' && s.charAt(t + 1) != 'P') {
      return -1;
    }
    int sign = s.charAt(t + 1) == 'P' ? -1 : 1;
    int k = t + 2;
    if (k >= s.length()) {
      // Go reads an empty name here, which names no class.
      throw new GoSyntaxException(GoSyntaxException.INVALID_CHAR_RANGE, s.substring(t));
    }
    int c = p.text.nextRune(k);
    k += Character.charCount(c);
    String seq;
    String name;
    if (c != '{') {
      seq = s.substring(t, k);
      name = seq.substring(2);
    } else {
      int end = s.indexOf('}', t);
      if (end < 0) {
        p.text.checkUtf8(t, s.length());
        throw new GoSyntaxException(GoSyntaxException.INVALID_CHAR_RANGE, s.substring(t));
      }
      seq = s.substring(t, end + 1);
      k = end + 1;
      p.text.checkUtf8(t + 3, end);
      name = s.substring(t + 3, end);
    }
    if (!name.isEmpty() && name.charAt(0) == '^') {
      sign = -sign;
      name = name.substring(1);
    }
    int[] tab = UnicodeTables.table(name);
    if (tab == null) {
      throw new GoSyntaxException(GoSyntaxException.INVALID_CHAR_RANGE, seq);
    }
    if ((p.flags & GoRe.FOLD_CASE) != 0) {
      int[] plain = tab;
      tab = FOLDED.computeIfAbsent(name, n -> foldClosure(plain));
    }
    if (sign > 0) {
      RuneClasses.appendClass(r, tab, tab.length);
    } else {
      RuneClasses.appendNegatedClass(r, tab, tab.length);
    }
    return k;
  }

  private static int[] foldClosure(int[] tab) {
    RuneList r = new RuneList();
    RuneClasses.appendFoldedClass(r, tab, tab.length);
    RuneClasses.clean(r);
    return java.util.Arrays.copyOf(r.array(), r.size());
  }
}
