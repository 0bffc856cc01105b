package dev.ctrstore.filter;

import dev.ctrstore.filter.GoRe.Op;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Go 1.19's {@code regexp/syntax} parser with the flags of {@code regexp.Compile}, rewritten for
 * Java: the same grammar, the same error for every refused expression, the same tree (literal
 * merging, alternation factoring in {@link GoFactor}) and the same size, nesting and repeat
 * limits in {@link GoLimits}, which Go checks on that tree; {@link GoText} reads the runes,
 * escapes and repeat counts of the text. Runs in time linear in the length of the expression
 * times its small constant limits, without recursion on the text.
 */
final class GoParser {
  final String whole;
  /** The expression's text: runes, escapes and repeat counts. */
  final GoText text;
  final List<GoRe> stack = new ArrayList<>();
  final GoLimits limits;
  final GoFactor factor;
  int flags = GoRe.PERL;
  private @Nullable GoRe free;
  private int numCap;
  int numRegexp;

  private GoParser(String whole) {
    this.whole = whole;
    this.text = new GoText(whole);
    this.limits = new GoLimits(this);
    this.factor = new GoFactor(this);
  }

  /** Parses {@code s} as Go's {@code regexp.Compile} does. */
  static GoRe parse(String s) throws GoSyntaxException {
    return new GoParser(s).run();
  }

  GoRe newRegexp(Op op) {
    GoRe re = free;
    if (re != null) {
      free = re.nextFree;
      re.reset();
    } else {
      re = new GoRe();
      numRegexp++;
    }
    re.op = op;
    return re;
  }

  void reuse(GoRe re) {
    limits.forgetHeight(re);
    re.nextFree = free;
    free = re;
  }

  /** Pushes {@code re}; null when it was merged into the literal below it instead. */
  @Nullable GoRe push(GoRe re) throws GoSyntaxException {
    limits.numRunes += re.nrune;
    int[] r = re.rune;
    if (re.op == Op.CHAR_CLASS && re.nrune == 2 && r[0] == r[1]) {
      if (maybeConcat(r[0], flags & ~GoRe.FOLD_CASE)) {
        return null;
      }
      re.op = Op.LITERAL;
      re.nrune = 1;
      re.flags = flags & ~GoRe.FOLD_CASE;
    } else if (re.op == Op.CHAR_CLASS && re.nrune == 4 && r[0] == r[1] && r[2] == r[3]
        && Folding.simpleFold(r[0]) == r[2] && Folding.simpleFold(r[2]) == r[0]
        || re.op == Op.CHAR_CLASS && re.nrune == 2 && r[0] + 1 == r[1]
        && Folding.simpleFold(r[0]) == r[1] && Folding.simpleFold(r[1]) == r[0]) {
      if (maybeConcat(r[0], flags | GoRe.FOLD_CASE)) {
        return null;
      }
      re.op = Op.LITERAL;
      re.nrune = 1;
      re.flags = flags | GoRe.FOLD_CASE;
    } else {
      maybeConcat(-1, 0);
    }
    stack.add(re);
    limits.check(re);
    return re;
  }

  private boolean maybeConcat(int r, int fl) {
    int n = stack.size();
    if (n < 2) {
      return false;
    }
    GoRe re1 = stack.get(n - 1);
    GoRe re2 = stack.get(n - 2);
    if (re1.op != Op.LITERAL || re2.op != Op.LITERAL
        || (re1.flags & GoRe.FOLD_CASE) != (re2.flags & GoRe.FOLD_CASE)) {
      return false;
    }
    for (int i = 0; i < re1.nrune; i++) {
      re2.addRune(re1.rune[i]);
    }
    if (r >= 0) {
      re1.setSingleRune(r);
      re1.flags = fl;
      return true;
    }
    stack.remove(n - 1);
    reuse(re1);
    return false;
  }

  private void literal(int r) throws GoSyntaxException {
    GoRe re = newRegexp(Op.LITERAL);
    re.flags = flags;
    if ((flags & GoRe.FOLD_CASE) != 0) {
      r = Folding.minFoldRune(r);
    }
    re.setSingleRune(r);
    push(re);
  }

  /** Pushes a node of {@code op}; only literals and classes merge on push, so it is kept. */
  private GoRe op(Op op) throws GoSyntaxException {
    GoRe re = newRegexp(op);
    re.flags = flags;
    push(re);
    return re;
  }

  /** Returns the index after the repetition; {@code before} is where the operator starts. */
  private int repeat(Op op, int min, int max, int before, int after, int lastRepeat)
      throws GoSyntaxException {
    int fl = flags;
    if (after < whole.length() && whole.charAt(after) == '?') {
      after++;
      fl ^= GoRe.NON_GREEDY;
    }
    if (lastRepeat >= 0) {
      throw new GoSyntaxException(GoSyntaxException.INVALID_REPEAT_OP,
          whole.substring(lastRepeat, after));
    }
    int n = stack.size();
    if (n == 0 || stack.get(n - 1).op.pseudo()) {
      throw new GoSyntaxException(GoSyntaxException.MISSING_REPEAT_ARGUMENT,
          whole.substring(before, after));
    }
    GoRe sub = stack.get(n - 1);
    GoRe re = newRegexp(op);
    re.min = min;
    re.max = max;
    re.flags = fl;
    re.sub.add(sub);
    stack.set(n - 1, re);
    limits.check(re);
    if (op == Op.REPEAT && (min >= 2 || max >= 2) && !GoLimits.repeatIsValid(re, 1000)) {
      throw new GoSyntaxException(GoSyntaxException.INVALID_REPEAT_SIZE,
          whole.substring(before, after));
    }
    return after;
  }

  void concat() throws GoSyntaxException {
    maybeConcat(-1, 0);
    int i = stack.size();
    while (i > 0 && !stack.get(i - 1).op.pseudo()) {
      i--;
    }
    List<GoRe> subs = new ArrayList<>(stack.subList(i, stack.size()));
    truncate(i);
    if (subs.isEmpty()) {
      push(newRegexp(Op.EMPTY_MATCH));
      return;
    }
    push(factor.collapse(subs, Op.CONCAT));
  }

  private void alternate() throws GoSyntaxException {
    int i = stack.size();
    while (i > 0 && !stack.get(i - 1).op.pseudo()) {
      i--;
    }
    List<GoRe> subs = new ArrayList<>(stack.subList(i, stack.size()));
    truncate(i);
    if (!subs.isEmpty()) {
      GoFactor.cleanAlt(subs.get(subs.size() - 1));
    }
    if (subs.isEmpty()) {
      push(newRegexp(Op.NO_MATCH));
      return;
    }
    push(factor.collapse(subs, Op.ALTERNATE));
  }

  void truncate(int n) {
    stack.subList(n, stack.size()).clear();
  }

  private GoRe run() throws GoSyntaxException {
    String s = whole;
    int t = 0;
    int lastRepeat = -1;
    while (t < s.length()) {
      int repeat = -1;
      char c = s.charAt(t);
      switch (c) {
        case '(' -> {
          if (t + 1 < s.length() && s.charAt(t + 1) == '?') {
            t = parsePerlFlags(t);
          } else {
            numCap++;
            op(Op.LEFT_PAREN).cap = numCap;
            t++;
          }
        }
        case '|' -> {
          parseVerticalBar();
          t++;
        }
        case ')' -> {
          parseRightParen();
          t++;
        }
        case '^' -> {
          op((flags & GoRe.ONE_LINE) != 0 ? Op.BEGIN_TEXT : Op.BEGIN_LINE);
          t++;
        }
        case '$' -> {
          if ((flags & GoRe.ONE_LINE) != 0) {
            op(Op.END_TEXT).flags |= GoRe.WAS_DOLLAR;
          } else {
            op(Op.END_LINE);
          }
          t++;
        }
        case '.' -> {
          op((flags & GoRe.DOT_NL) != 0 ? Op.ANY_CHAR : Op.ANY_CHAR_NOT_NL);
          t++;
        }
        case '[' -> t = new GoClassParser(this).parseClass(t);
        case '*', '+', '?' -> {
          Op op = c == '*' ? Op.STAR : c == '+' ? Op.PLUS : Op.QUEST;
          int before = t;
          t = repeat(op, 0, 0, before, t + 1, lastRepeat);
          repeat = before;
        }
        case '{' -> {
          int before = t;
          int[] rep = text.parseRepeat(t);
          if (rep == null) {
            literal('{');
            t++;
            break;
          }
          int min = rep[0];
          int max = rep[1];
          int after = rep[2];
          if (min < 0 || min > 1000 || max > 1000 || max >= 0 && min > max) {
            throw new GoSyntaxException(GoSyntaxException.INVALID_REPEAT_SIZE,
                s.substring(before, after));
          }
          t = repeat(Op.REPEAT, min, max, before, after, lastRepeat);
          repeat = before;
        }
        case '\\' -> t = backslash(t);
        default -> {
          int r = text.nextRune(t);
          t += Character.charCount(r);
          literal(r);
        }
      }
      lastRepeat = repeat;
    }
    concat();
    if (swapVerticalBar()) {
      truncate(stack.size() - 1);
    }
    alternate();
    if (stack.size() != 1) {
      throw new GoSyntaxException(GoSyntaxException.MISSING_PAREN, s);
    }
    return stack.get(0);
  }

  private int backslash(int t) throws GoSyntaxException {
    String s = whole;
    if (t + 1 < s.length()) {
      switch (s.charAt(t + 1)) {
        case 'A' -> {
          op(Op.BEGIN_TEXT);
          return t + 2;
        }
        case 'b' -> {
          op(Op.WORD_BOUNDARY);
          return t + 2;
        }
        case 'B' -> {
          op(Op.NO_WORD_BOUNDARY);
          return t + 2;
        }
        case 'C' -> throw new GoSyntaxException(GoSyntaxException.INVALID_ESCAPE,
            s.substring(t, t + 2));
        case 'Q' -> {
          int end = s.indexOf("\\E", t + 2);
          int stop = end < 0 ? s.length() : end;
          int k = t + 2;
          while (k < stop) {
            int r = text.nextRune(k);
            k += Character.charCount(r);
            literal(r);
          }
          return end < 0 ? s.length() : end + 2;
        }
        case 'z' -> {
          op(Op.END_TEXT);
          return t + 2;
        }
        default -> { }
      }
    }
    GoClassParser classes = new GoClassParser(this);
    GoRe re = newRegexp(Op.CHAR_CLASS);
    re.flags = flags;
    if (t + 1 < s.length() && (s.charAt(t + 1) == 'p' || s.charAt(t + 1) == 'P')) {
      RuneList r = new RuneList();
      int rest = classes.parseUnicodeClass(t, r);
      if (rest >= 0) {
        re.setRunes(r.array(), r.size());
        push(re);
        return rest;
      }
    }
    RuneList r = new RuneList();
    int rest = classes.parsePerlClassEscape(t, r);
    if (rest >= 0) {
      re.setRunes(r.array(), r.size());
      push(re);
      return rest;
    }
    reuse(re);
    long escape = text.parseEscape(t);
    literal((int) (escape >>> 32));
    return (int) escape;
  }

  private int parsePerlFlags(int start) throws GoSyntaxException {
    String s = whole;
    int t = start;
    if (s.length() - t > 4 && s.charAt(t + 2) == 'P' && s.charAt(t + 3) == '<') {
      int end = s.indexOf('>', t);
      if (end < 0) {
        text.checkUtf8(t, s.length());
        throw new GoSyntaxException(GoSyntaxException.INVALID_NAMED_CAPTURE, s.substring(t));
      }
      text.checkUtf8(t + 4, end);
      String name = s.substring(t + 4, end);
      if (!validCaptureName(name)) {
        throw new GoSyntaxException(GoSyntaxException.INVALID_NAMED_CAPTURE,
            s.substring(t, end + 1));
      }
      numCap++;
      GoRe re = op(Op.LEFT_PAREN);
      re.cap = numCap;
      re.name = name;
      return end + 1;
    }
    t += 2;
    int fl = flags;
    int sign = 1;
    boolean sawFlag = false;
    loop:
    while (t < s.length()) {
      int c = text.nextRune(t);
      t += Character.charCount(c);
      switch (c) {
        case 'i' -> {
          fl |= GoRe.FOLD_CASE;
          sawFlag = true;
        }
        case 'm' -> {
          fl &= ~GoRe.ONE_LINE;
          sawFlag = true;
        }
        case 's' -> {
          fl |= GoRe.DOT_NL;
          sawFlag = true;
        }
        case 'U' -> {
          fl |= GoRe.NON_GREEDY;
          sawFlag = true;
        }
        case '-' -> {
          if (sign < 0) {
            break loop;
          }
          sign = -1;
          fl = ~fl;
          sawFlag = false;
        }
        case ':', ')' -> {
          if (sign < 0) {
            if (!sawFlag) {
              break loop;
            }
            fl = ~fl;
          }
          if (c == ':') {
            op(Op.LEFT_PAREN);
          }
          flags = fl;
          return t;
        }
        default -> {
          break loop;
        }
      }
    }
    throw new GoSyntaxException(GoSyntaxException.INVALID_PERL_OP, s.substring(start, t));
  }

  private static boolean validCaptureName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_' && !GoText.isAlnum(c)) {
        return false;
      }
    }
    return true;
  }

  private void parseVerticalBar() throws GoSyntaxException {
    concat();
    if (!swapVerticalBar()) {
      op(Op.VERTICAL_BAR);
    }
  }

  private boolean swapVerticalBar() {
    int n = stack.size();
    if (n >= 3 && stack.get(n - 2).op == Op.VERTICAL_BAR && GoFactor.isCharClass(stack.get(n - 1))
        && GoFactor.isCharClass(stack.get(n - 3))) {
      GoRe re1 = stack.get(n - 1);
      GoRe re3 = stack.get(n - 3);
      if (re1.op.compareTo(re3.op) > 0) {
        GoRe tmp = re1;
        re1 = re3;
        re3 = tmp;
        stack.set(n - 3, re3);
      }
      GoFactor.mergeCharClass(re3, re1);
      reuse(re1);
      truncate(n - 1);
      return true;
    }
    if (n >= 2) {
      GoRe re1 = stack.get(n - 1);
      GoRe re2 = stack.get(n - 2);
      if (re2.op == Op.VERTICAL_BAR) {
        if (n >= 3) {
          GoFactor.cleanAlt(stack.get(n - 3));
        }
        stack.set(n - 2, re1);
        stack.set(n - 1, re2);
        return true;
      }
    }
    return false;
  }

  private void parseRightParen() throws GoSyntaxException {
    concat();
    if (swapVerticalBar()) {
      truncate(stack.size() - 1);
    }
    alternate();
    int n = stack.size();
    if (n < 2) {
      throw new GoSyntaxException(GoSyntaxException.UNEXPECTED_PAREN, whole);
    }
    GoRe re1 = stack.get(n - 1);
    GoRe re2 = stack.get(n - 2);
    truncate(n - 2);
    if (re2.op != Op.LEFT_PAREN) {
      throw new GoSyntaxException(GoSyntaxException.UNEXPECTED_PAREN, whole);
    }
    flags = re2.flags;
    if (re2.cap == 0) {
      push(re1);
    } else {
      re2.op = Op.CAPTURE;
      re2.sub.clear();
      re2.sub.add(re1);
      push(re2);
    }
  }
}
