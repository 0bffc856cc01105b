package dev.ctrstore.filter;

import dev.ctrstore.filter.GoRe.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups and alternation of {@link GoParser}: {@code (}, {@code (?flags)}, named captures,
 * {@code |} and {@code )}, kept on the parser's stack with Go's pseudo-operators
 * ({@code LEFT_PAREN}, {@code VERTICAL_BAR}) exactly as Go's parser does, so that the tree, and
 * the limits computed on it, come out the same.
 */
final class GoGroups {
  private final GoParser p;
  private int numCap;

  GoGroups(GoParser p) {
    this.p = p;
  }

  /** At {@code (}: returns the index after the group's opening. */
  int open(int t) throws GoSyntaxException {
    if (t + 1 < p.whole.length() && p.whole.charAt(t + 1) == '?') {
      return perlFlags(t);
    }
    numCap++;
    p.op(Op.LEFT_PAREN).cap = numCap;
    return t + 1;
  }

  /** At the end of the text: closes the last branch and the top-level alternation. */
  void end() throws GoSyntaxException {
    p.concat();
    if (swapVerticalBar()) {
      p.truncate(p.stack.size() - 1);
    }
    alternate();
  }

  /** Reads {@code (?flags)}, {@code (?flags:}, or {@code (?P<name>}; returns the index after it. */
  private int perlFlags(int start) throws GoSyntaxException {
    String s = p.whole;
    int t = start;
    if (s.length() - t > 4 && s.charAt(t + 2) == 'P' && s.charAt(t + 3) == '<') {
      int end = s.indexOf('>', t);
      if (end < 0) {
        p.text.checkUtf8(t, s.length());
        throw new GoSyntaxException(GoSyntaxException.INVALID_NAMED_CAPTURE, s.substring(t));
      }
      p.text.checkUtf8(t + 4, end);
      String name = s.substring(t + 4, end);
      if (!validCaptureName(name)) {
        throw new GoSyntaxException(GoSyntaxException.INVALID_NAMED_CAPTURE,
            s.substring(t, end + 1));
      }
      numCap++;
      GoRe re = p.op(Op.LEFT_PAREN);
      re.cap = numCap;
      re.name = name;
      return end + 1;
    }
    t += 2;
    int fl = p.flags;
    int sign = 1;
    boolean sawFlag = false;
    loop:
    while (t < s.length()) {
      int c = p.text.nextRune(t);
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
            p.op(Op.LEFT_PAREN);
          }
          p.flags = fl;
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

  private void alternate() throws GoSyntaxException {
    int i = p.stack.size();
    while (i > 0 && !p.stack.get(i - 1).op.pseudo()) {
      i--;
    }
    List<GoRe> subs = new ArrayList<>(p.stack.subList(i, p.stack.size()));
    p.truncate(i);
    if (!subs.isEmpty()) {
      GoCharClasses.cleanAlt(subs.get(subs.size() - 1));
    }
    if (subs.isEmpty()) {
      p.push(p.newRegexp(Op.NO_MATCH));
      return;
    }
    p.push(p.factor.collapse(subs, Op.ALTERNATE));
  }

  /** At {@code |}: closes the branch so far and marks the alternation. */
  void verticalBar() throws GoSyntaxException {
    p.concat();
    if (!swapVerticalBar()) {
      p.op(Op.VERTICAL_BAR);
    }
  }

  private boolean swapVerticalBar() {
    int n = p.stack.size();
    if (n >= 3 && p.stack.get(n - 2).op == Op.VERTICAL_BAR && GoCharClasses.isCharClass(p.stack.get(n - 1))
        && GoCharClasses.isCharClass(p.stack.get(n - 3))) {
      GoRe re1 = p.stack.get(n - 1);
      GoRe re3 = p.stack.get(n - 3);
      if (re1.op.compareTo(re3.op) > 0) {
        GoRe tmp = re1;
        re1 = re3;
        re3 = tmp;
        p.stack.set(n - 3, re3);
      }
      GoCharClasses.mergeCharClass(re3, re1);
      p.reuse(re1);
      p.truncate(n - 1);
      return true;
    }
    if (n >= 2) {
      GoRe re1 = p.stack.get(n - 1);
      GoRe re2 = p.stack.get(n - 2);
      if (re2.op == Op.VERTICAL_BAR) {
        if (n >= 3) {
          GoCharClasses.cleanAlt(p.stack.get(n - 3));
        }
        p.stack.set(n - 2, re1);
        p.stack.set(n - 1, re2);
        return true;
      }
    }
    return false;
  }

  /** At {@code )}: closes the innermost group, a capture or not. */
  void rightParen() throws GoSyntaxException {
    p.concat();
    if (swapVerticalBar()) {
      p.truncate(p.stack.size() - 1);
    }
    alternate();
    int n = p.stack.size();
    if (n < 2) {
      throw new GoSyntaxException(GoSyntaxException.UNEXPECTED_PAREN, p.whole);
    }
    GoRe re1 = p.stack.get(n - 1);
    GoRe re2 = p.stack.get(n - 2);
    p.truncate(n - 2);
    if (re2.op != Op.LEFT_PAREN) {
      throw new GoSyntaxException(GoSyntaxException.UNEXPECTED_PAREN, p.whole);
    }
    p.flags = re2.flags;
    if (re2.cap == 0) {
      p.push(re1);
    } else {
      re2.op = Op.CAPTURE;
      re2.sub.clear();
      re2.sub.add(re1);
      p.push(re2);
    }
  }
}
