package dev.ctrstore.filter;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Go 1.20's regexp rules that RE2/J 1.8 lacks, checked on the expression text in one iterative
 * pass. It mirrors Go's parse-tree estimates closely but not node for node, so expressions right
 * at a limit may be judged slightly differently from Go; everything well inside or outside the
 * limits is judged the same. Syntax errors are left to RE2/J: when the text stops looking like
 * valid syntax the check gives up and lets RE2/J report the error.
 */
final class RegexLimits {
  /** Go's repeat-count limit, also applied to the product of nested counted repetitions. */
  static final int MAX_REPEAT = 1000;
  /** Go's maxHeight: parse tree depth. */
  static final int MAX_HEIGHT = 1000;
  /** Go's maxSize: 128 MiB of 40-byte instructions. */
  static final long MAX_SIZE = (128L << 20) / 40;

  private RegexLimits() {}

  /** An element whose size, height and repeat budget are known. */
  private record Node(long size, int height, int need) {
    static final Node LEAF = new Node(1, 1, 0);
  }

  /** An open group, or the whole expression. */
  private static final class Group {
    final boolean capture;
    long finishedBranches;
    int branches;
    long concat;
    int atoms;
    int height;
    int need;
    @Nullable Node last;

    Group(boolean capture) {
      this.capture = capture;
    }

    void add(Node n) {
      commit();
      last = n;
    }

    void commit() {
      if (last != null) {
        concat = plus(concat, last.size);
        atoms++;
        height = Math.max(height, last.height);
        need = Math.max(need, last.need);
        last = null;
      }
    }

    void branch() {
      commit();
      finishedBranches = plus(plus(finishedBranches, concat), 1);
      branches++;
      concat = 0;
      atoms = Math.min(atoms, 1);
    }

    Node close() {
      commit();
      long size = plus(finishedBranches, concat);
      int h = height + (atoms > 1 || branches > 0 ? 1 : 0);
      return capture ? new Node(plus(size, 2), h + 1, need) : new Node(Math.max(size, 1), h, need);
    }
  }

  /** The Go error text for the first limit exceeded, or null. */
  static @Nullable String check(String re) {
    ArrayDeque<Group> open = new ArrayDeque<>();
    Group g = new Group(false);
    int n = re.length();
    int i = 0;
    while (i < n) {
      char c = re.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 < n && re.charAt(i + 1) == 'Q') {
            int end = re.indexOf("\\E", i + 2);
            int stop = end < 0 ? n : end;
            for (int k = i + 2; k < stop; k++) {
              g.add(Node.LEAF);
            }
            i = end < 0 ? n : end + 2;
          } else {
            i = escapeEnd(re, i);
            g.add(Node.LEAF);
          }
        }
        case '[' -> {
          i = classEnd(re, i);
          if (i < 0) {
            return null;
          }
          g.add(Node.LEAF);
        }
        case '(' -> {
          if (re.startsWith("(?<", i)) {
            // Go before 1.22 (containerd v1.7.0) knows only (?P<name>…).
            return "invalid or unsupported Perl syntax: `(?<`";
          }
          if (re.startsWith("(?P<", i) || !re.startsWith("(?", i)) {
            if (open.size() + 1 >= MAX_HEIGHT) {
              return "expression nests too deeply";
            }
            open.push(g);
            g = new Group(true);
            i++;
          } else {
            int k = i + 2;
            while (k < n && "imsU-".indexOf(re.charAt(k)) >= 0) {
              k++;
            }
            if (k >= n) {
              return null;
            }
            if (re.charAt(k) == ':') {
              // Go builds no node for (?:…), but RE2/J parses deep nesting of it in quadratic
              // time, so it counts against the same depth limit as capturing groups.
              if (open.size() + 1 >= MAX_HEIGHT) {
                return "expression nests too deeply";
              }
              open.push(g);
              g = new Group(false);
            } else if (re.charAt(k) != ')') {
              return null;
            }
            i = k + 1;
          }
        }
        case ')' -> {
          if (open.isEmpty()) {
            return null;
          }
          Node inner = g.close();
          g = open.pop();
          g.add(inner);
          i++;
        }
        case '|' -> {
          g.branch();
          i++;
        }
        case '*', '+', '?' -> {
          if (g.last == null) {
            return null;
          }
          Node s = g.last;
          g.last = new Node(plus(s.size, c == '*' ? 2 : 1), s.height + 1, s.need);
          i = lazy(re, i + 1);
        }
        case '{' -> {
          int[] rep = repeat(re, i);
          if (rep == null) {
            g.add(Node.LEAF);
            i++;
            break;
          }
          if (g.last == null) {
            return null;
          }
          String problem = applyRepeat(g, rep[0], rep[1]);
          if (problem != null) {
            return problem + ": `" + re.substring(i, rep[2]) + "`";
          }
          i = lazy(re, rep[2]);
        }
        default -> {
          g.add(Node.LEAF);
          i++;
        }
      }
      String problem = limits(g);
      if (problem != null) {
        return problem;
      }
    }
    while (!open.isEmpty()) {
      Node inner = g.close();
      g = open.pop();
      g.add(inner);
    }
    return limits(g);
  }

  private static @Nullable String limits(Group g) {
    Node last = g.last;
    long size = plus(plus(g.finishedBranches, g.concat), last == null ? 0 : last.size);
    if (size > MAX_SIZE) {
      return "expression too large";
    }
    if (Math.max(g.height, last == null ? 0 : last.height) + 2 > MAX_HEIGHT) {
      return "expression nests too deeply";
    }
    return null;
  }

  /** Go's repeatIsValid: nested counted repetitions may multiply to at most 1000. */
  private static @Nullable String applyRepeat(Group g, int min, int max) {
    if (min > MAX_REPEAT || max > MAX_REPEAT) {
      return "invalid repeat count";
    }
    Node s = g.last;
    int m = max == -1 ? min : max;
    long need = max == 0 ? 0 : m > 0 ? (long) m * Math.max(s.need, 1) : s.need;
    if (need > MAX_REPEAT) {
      return "invalid repeat count";
    }
    long size;
    if (max == -1) {
      size = min == 0 ? plus(s.size, 2) : plus(1, times(min, s.size));
    } else {
      size = plus(times(max, s.size), max - min);
    }
    g.last = new Node(size, s.height + 1, (int) need);
    return null;
  }

  /** Parses {n}, {n,} or {n,m} at i: {min, max or -1, end index}; null if it is a literal. */
  private static int @Nullable [] repeat(String re, int i) {
    int k = i + 1;
    int start = k;
    long min = 0;
    while (k < re.length() && Character.isDigit(re.charAt(k)) && re.charAt(k) <= '9') {
      min = Math.min(min * 10 + (re.charAt(k++) - '0'), Integer.MAX_VALUE);
    }
    if (k == start || k >= re.length()) {
      return null;
    }
    long max = min;
    if (re.charAt(k) == ',') {
      k++;
      int digits = k;
      max = 0;
      while (k < re.length() && re.charAt(k) >= '0' && re.charAt(k) <= '9') {
        max = Math.min(max * 10 + (re.charAt(k++) - '0'), Integer.MAX_VALUE);
      }
      if (k == digits) {
        max = -1;
      }
    }
    if (k >= re.length() || re.charAt(k) != '}') {
      return null;
    }
    return new int[] {(int) min, (int) max, k + 1};
  }

  private static int lazy(String re, int i) {
    return i < re.length() && re.charAt(i) == '?' ? i + 1 : i;
  }

  /** Index after the escape at i (\p{..}, \x{..} and two-character escapes). */
  private static int escapeEnd(String re, int i) {
    if (i + 1 >= re.length()) {
      return re.length();
    }
    char e = re.charAt(i + 1);
    if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < re.length() && re.charAt(i + 2) == '{') {
      int close = re.indexOf('}', i + 3);
      return close < 0 ? re.length() : close + 1;
    }
    if (e == 'x') {
      return Math.min(re.length(), i + 4);
    }
    return i + 2;
  }

  /** Index after the character class opening at i, or -1 when it is not closed. */
  private static int classEnd(String re, int i) {
    int k = i + 1;
    if (k < re.length() && re.charAt(k) == '^') {
      k++;
    }
    if (k < re.length() && re.charAt(k) == ']') {
      k++;
    }
    while (k < re.length()) {
      char c = re.charAt(k);
      if (c == ']') {
        return k + 1;
      }
      if (c == '\\') {
        k = escapeEnd(re, k);
      } else if (c == '[' && re.startsWith("[:", k)) {
        int close = re.indexOf(":]", k + 2);
        k = close < 0 ? k + 1 : close + 2;
      } else {
        k++;
      }
    }
    return -1;
  }

  private static long plus(long a, long b) {
    long s = a + b;
    return s > MAX_SIZE || s < 0 ? MAX_SIZE + 1 : s;
  }

  private static long times(long a, long b) {
    return a != 0 && b > (MAX_SIZE + 1) / a ? MAX_SIZE + 1 : Math.min(a * b, MAX_SIZE + 1);
  }
}
