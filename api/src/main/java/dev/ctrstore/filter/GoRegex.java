package dev.ctrstore.filter;

import java.util.Arrays;

/**
 * A compiled {@code ~=} expression with Go 1.19's {@code regexp} semantics, answering only
 * whether it matches somewhere in a text (containerd's {@code MatchString}). Matching simulates
 * the program's NFA one code point at a time (no backtracking): time is linear in the text
 * length times the program size, and memory is the program plus two state lists. Immutable and
 * thread-safe; each call allocates its own state.
 */
final class GoRegex {
  private final String source;
  private final int[] code;
  private final int[][] classes;
  /** True when every match must start at the beginning of the text. */
  private final boolean anchored;

  private GoRegex(String source, GoProgram p, boolean anchored) {
    this.source = source;
    this.code = p.code;
    this.classes = p.classes.toArray(new int[0][]);
    this.anchored = anchored;
  }

  static GoRegex compile(String expr) throws GoSyntaxException {
    GoRe re = GoParser.parse(expr);
    return new GoRegex(expr, GoProgram.compile(re), beginsWithText(re));
  }

  private static boolean beginsWithText(GoRe re) {
    while (re.op == GoRe.Op.CONCAT && !re.sub.isEmpty() || re.op == GoRe.Op.CAPTURE) {
      re = re.sub.get(0);
    }
    return re.op == GoRe.Op.BEGIN_TEXT;
  }

  /** The expression as written. */
  String source() {
    return source;
  }

  /** Instructions in the compiled program (for measurements and tests). */
  int programSize() {
    return code.length;
  }

  /** Whether the expression matches somewhere in {@code text}, as Go's MatchString. */
  boolean find(String text) {
    States cur = new States(code.length);
    States next = new States(code.length);
    int n = text.length();
    int prev = -1;
    int pos = 0;
    while (true) {
      int r = decode(text, pos);
      if (pos == 0 || !anchored) {
        if (addClosure(cur, 0, context(prev, r))) {
          return true;
        }
      }
      if (cur.size == 0 && (anchored || r < 0)) {
        return false;
      }
      if (r < 0) {
        return false;
      }
      int after = pos + (r > 0xffff ? 2 : 1);
      int following = decode(text, after);
      int ctx = context(r, following);
      for (int i = 0; i < cur.size; i++) {
        int pc = cur.list[i];
        int inst = code[pc];
        boolean step = switch (GoProgram.op(inst)) {
          case GoProgram.RUNE -> GoProgram.arg(inst) == r;
          case GoProgram.CLASS -> inClass(classes[GoProgram.arg(inst)], r);
          case GoProgram.ANY_NOT_NL -> r != '\n';
          case GoProgram.ANY -> true;
          default -> false;
        };
        if (step && addClosure(next, pc + 1, ctx)) {
          return true;
        }
      }
      cur.clear();
      States t = cur;
      cur = next;
      next = t;
      prev = r;
      pos = after;
    }
  }

  /**
   * The code point at pos, -1 at the end; a lone surrogate reads as U+FFFD, as Go reads a byte
   * that is not UTF-8.
   */
  private static int decode(String text, int pos) {
    if (pos >= text.length()) {
      return -1;
    }
    int r = text.codePointAt(pos);
    return r >= Character.MIN_SURROGATE && r <= Character.MAX_SURROGATE ? 0xfffd : r;
  }

  /**
   * Adds pc and everything reachable from it without consuming input (under the empty-width
   * context ctx) to s; true when that reaches the match instruction.
   */
  private boolean addClosure(States s, int start, int ctx) {
    int[] stack = s.stack;
    int top = 0;
    stack[top++] = start;
    while (top > 0) {
      int pc = stack[--top];
      if (s.contains(pc)) {
        continue;
      }
      s.mark(pc);
      int inst = code[pc];
      switch (GoProgram.op(inst)) {
        case GoProgram.MATCH -> {
          return true;
        }
        case GoProgram.JUMP -> stack = push(s, stack, top++, GoProgram.arg(inst));
        case GoProgram.SPLIT -> {
          stack = push(s, stack, top++, GoProgram.arg(inst));
          stack = push(s, stack, top++, pc + 1);
        }
        case GoProgram.EMPTY -> {
          int need = GoProgram.arg(inst);
          if ((need & ~ctx) == 0) {
            stack = push(s, stack, top++, pc + 1);
          }
        }
        case GoProgram.FAIL -> { }
        default -> s.append(pc);
      }
    }
    return false;
  }

  private static int[] push(States s, int[] stack, int top, int pc) {
    if (top == stack.length) {
      stack = Arrays.copyOf(stack, stack.length * 2);
      s.stack = stack;
    }
    stack[top] = pc;
    return stack;
  }

  /** Go's EmptyOpContext between r1 (-1 at the start) and r2 (-1 at the end). */
  private static int context(int r1, int r2) {
    int op = GoProgram.NO_WORD_BOUNDARY;
    boolean boundary = false;
    if (isWordChar(r1)) {
      boundary = true;
    } else if (r1 == '\n') {
      op |= GoProgram.BEGIN_LINE;
    } else if (r1 < 0) {
      op |= GoProgram.BEGIN_TEXT | GoProgram.BEGIN_LINE;
    }
    if (isWordChar(r2)) {
      boundary = !boundary;
    } else if (r2 == '\n') {
      op |= GoProgram.END_LINE;
    } else if (r2 < 0) {
      op |= GoProgram.END_TEXT | GoProgram.END_LINE;
    }
    if (boundary) {
      op ^= GoProgram.WORD_BOUNDARY | GoProgram.NO_WORD_BOUNDARY;
    }
    return op;
  }

  private static boolean isWordChar(int r) {
    return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_';
  }

  private static boolean inClass(int[] ranges, int r) {
    int lo = 0;
    int hi = ranges.length / 2;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (r < ranges[2 * m]) {
        hi = m;
      } else if (r > ranges[2 * m + 1]) {
        lo = m + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /** A set of program counters: a bitset for membership, a list of consuming instructions. */
  private static final class States {
    final long[] bits;
    int[] list = new int[16];
    int size;
    int[] stack = new int[16];
    private int[] marked = new int[16];
    private int nmarked;

    States(int n) {
      bits = new long[(n + 63) >>> 6];
    }

    boolean contains(int pc) {
      return (bits[pc >>> 6] & (1L << pc)) != 0;
    }

    void mark(int pc) {
      bits[pc >>> 6] |= 1L << pc;
      if (nmarked == marked.length) {
        marked = Arrays.copyOf(marked, nmarked * 2);
      }
      marked[nmarked++] = pc;
    }

    void append(int pc) {
      if (size == list.length) {
        list = Arrays.copyOf(list, size * 2);
      }
      list[size++] = pc;
    }

    void clear() {
      for (int i = 0; i < nmarked; i++) {
        bits[marked[i] >>> 6] = 0;
      }
      nmarked = 0;
      size = 0;
    }
  }
}
