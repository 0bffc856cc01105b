package dev.ctrstore.filter;

import dev.ctrstore.filter.GoRe.Op;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Go 1.19's {@code regexp/syntax} parser with the flags of {@code regexp.Compile}, rewritten for
 * Java: the same grammar, the same error for every refused expression, the same tree (literal
 * merging here, groups and alternation in {@link GoGroups}, concatenation and alternation
 * factoring in {@link GoFactor}) and the same size, nesting and repeat limits in
 * {@link GoLimits}, which Go checks on that tree; {@link GoText} reads the runes, escapes and
 * repeat counts of the text. Runs in time linear in the length of the expression
 * times its small constant limits, without recursion on the text.
 */
final class GoParser {
  final String whole;
  /** The expression's text: runes, escapes and repeat counts. */
  final GoText text;
  final List<GoRe> stack = new ArrayList<>();
  final GoLimits limits;
  final GoFactor factor;
  private final GoGroups groups;
  private final GoEscapes escapes;
  int flags = GoRe.PERL;
  private @Nullable GoRe free;
  int numRegexp;

  private GoParser(String whole) {
    this.whole = whole;
    this.text = new GoText(whole);
    this.limits = new GoLimits(this);
    this.factor = new GoFactor(this);
    this.groups = new GoGroups(this);
    this.escapes = new GoEscapes(this);
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

  void literal(int r) throws GoSyntaxException {
    GoRe re = newRegexp(Op.LITERAL);
    re.flags = flags;
    if ((flags & GoRe.FOLD_CASE) != 0) {
      r = Folding.minFoldRune(r);
    }
    re.setSingleRune(r);
    push(re);
  }

  /** Pushes a node of {@code op}; only literals and classes merge on push, so it is kept. */
  GoRe op(Op op) throws GoSyntaxException {
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
        case '(' -> t = groups.open(t);
        case '|' -> {
          groups.verticalBar();
          t++;
        }
        case ')' -> {
          groups.rightParen();
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
        case '\\' -> t = escapes.backslash(t);
        default -> {
          int r = text.nextRune(t);
          t += Character.charCount(r);
          literal(r);
        }
      }
      lastRepeat = repeat;
    }
    groups.end();
    if (stack.size() != 1) {
      throw new GoSyntaxException(GoSyntaxException.MISSING_PAREN, s);
    }
    return stack.get(0);
  }

}
