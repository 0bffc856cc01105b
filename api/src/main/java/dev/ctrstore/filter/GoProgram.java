package dev.ctrstore.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parse tree compiled to a compact Thompson-NFA program: one int per instruction (an opcode
 * in the top 4 bits, an argument below), next instruction implicit. Counted repetitions are
 * expanded as Go expands them, so the program has about as many instructions as Go's (whose
 * size Go's parser already bounds); character classes are shared between copies.
 */
final class GoProgram {
  static final int MATCH = 0;
  static final int RUNE = 1;
  static final int CLASS = 2;
  static final int ANY_NOT_NL = 3;
  static final int ANY = 4;
  /** Continue at pc+1 and at arg. */
  static final int SPLIT = 5;
  static final int JUMP = 6;
  static final int EMPTY = 7;
  static final int FAIL = 8;

  static final int BEGIN_LINE = 1;
  static final int END_LINE = 2;
  static final int BEGIN_TEXT = 4;
  static final int END_TEXT = 8;
  static final int WORD_BOUNDARY = 16;
  static final int NO_WORD_BOUNDARY = 32;

  private static final int ARG_MASK = (1 << 28) - 1;

  int[] code = new int[16];
  int size;
  final List<int[]> classes = new ArrayList<>();
  private final Map<GoRe, Integer> classOf = new IdentityHashMap<>();
  private final Map<Integer, Integer> foldedRune = new HashMap<>();
  private final Map<Ranges, Integer> byContent = new HashMap<>();

  static int op(int inst) {
    return inst >>> 28;
  }

  static int arg(int inst) {
    return inst & ARG_MASK;
  }

  /**
   * ctrstore's safety net: twice Go's own size limit (about 27 MB of program). Go's parser keeps
   * every expression measured so far below about 3.4 million instructions, so only an expression
   * Go's estimate misjudges could reach it.
   */
  static final long MAX_INSTRUCTIONS = 2 * GoLimits.MAX_SIZE;

  static GoProgram compile(GoRe re) throws GoSyntaxException {
    long n = count(re) + 1;
    if (n > MAX_INSTRUCTIONS) {
      throw new GoSyntaxException(GoSyntaxException.TOO_LARGE, "program of " + n + " instructions");
    }
    GoProgram p = new GoProgram();
    p.code = new int[(int) n];
    p.emit(re);
    p.add(MATCH, 0);
    if (p.size != p.code.length) {
      p.code = Arrays.copyOf(p.code, p.size);
    }
    return p;
  }

  /** The exact number of instructions {@link #emit} writes for re, saturating. */
  private static long count(GoRe re) {
    long cap = MAX_INSTRUCTIONS + 1;
    long n = switch (re.op) {
      case EMPTY_MATCH -> 0;
      case LITERAL -> re.nrune;
      case CAPTURE -> count(re.sub.get(0));
      case CONCAT, ALTERNATE -> {
        long sum = re.op == GoRe.Op.ALTERNATE ? 2L * (re.sub.size() - 1) : 0;
        for (GoRe sub : re.sub) {
          sum = Math.min(cap, sum + count(sub));
        }
        yield sum;
      }
      case STAR -> 2 + count(re.sub.get(0));
      case PLUS, QUEST -> 1 + count(re.sub.get(0));
      case REPEAT -> {
        long x = count(re.sub.get(0));
        if (re.max == -1) {
          yield re.min == 0 ? 2 + x : Math.min(cap, re.min * x + 1);
        }
        yield Math.min(cap, re.min * x + (re.max - re.min) * (1 + x));
      }
      default -> 1;
    };
    return Math.min(cap, n);
  }

  private int add(int op, int arg) {
    if (size == code.length) {
      code = Arrays.copyOf(code, code.length * 2);
    }
    code[size] = (op << 28) | arg;
    return size++;
  }

  private void patch(int at, int target) {
    code[at] = (code[at] & ~ARG_MASK) | target;
  }

  private void emit(GoRe re) {
    switch (re.op) {
      case NO_MATCH -> add(FAIL, 0);
      case EMPTY_MATCH -> { }
      case LITERAL -> {
        for (int i = 0; i < re.nrune; i++) {
          int r = re.rune[i];
          if ((re.flags & GoRe.FOLD_CASE) != 0 && Folding.simpleFold(r) != r) {
            add(CLASS, foldedRuneClass(r));
          } else {
            add(RUNE, r);
          }
        }
      }
      case CHAR_CLASS -> {
        if (re.nrune == 0) {
          add(FAIL, 0);
        } else {
          if (re.compiledClass < 0) {
            re.compiledClass = classIndex(re);
          }
          add(CLASS, re.compiledClass);
        }
      }
      case ANY_CHAR_NOT_NL -> add(ANY_NOT_NL, 0);
      case ANY_CHAR -> add(ANY, 0);
      case BEGIN_LINE -> add(EMPTY, BEGIN_LINE);
      case END_LINE -> add(EMPTY, END_LINE);
      case BEGIN_TEXT -> add(EMPTY, BEGIN_TEXT);
      case END_TEXT -> add(EMPTY, END_TEXT);
      case WORD_BOUNDARY -> add(EMPTY, WORD_BOUNDARY);
      case NO_WORD_BOUNDARY -> add(EMPTY, NO_WORD_BOUNDARY);
      case CAPTURE -> emit(re.sub.get(0));
      case CONCAT -> re.sub.forEach(this::emit);
      case ALTERNATE -> {
        List<Integer> jumps = new ArrayList<>();
        for (int i = 0; i < re.sub.size(); i++) {
          if (i < re.sub.size() - 1) {
            int split = add(SPLIT, 0);
            emit(re.sub.get(i));
            jumps.add(add(JUMP, 0));
            patch(split, size);
          } else {
            emit(re.sub.get(i));
          }
        }
        jumps.forEach(j -> patch(j, size));
      }
      case STAR -> star(re.sub.get(0));
      case PLUS -> plus(re.sub.get(0));
      case QUEST -> {
        int split = add(SPLIT, 0);
        emit(re.sub.get(0));
        patch(split, size);
      }
      case REPEAT -> repeat(re.sub.get(0), re.min, re.max);
      default -> throw new IllegalStateException("unexpected op " + re.op);
    }
  }

  private void star(GoRe x) {
    int split = add(SPLIT, 0);
    emit(x);
    add(JUMP, split);
    patch(split, size);
  }

  private void plus(GoRe x) {
    int start = size;
    emit(x);
    add(SPLIT, start);
  }

  /** Go's simplification of x{min,max}: min copies, then x*, x+ or nested optional copies. */
  private void repeat(GoRe x, int min, int max) {
    if (max == -1) {
      if (min == 0) {
        star(x);
        return;
      }
      for (int i = 0; i < min - 1; i++) {
        emit(x);
      }
      plus(x);
      return;
    }
    for (int i = 0; i < min; i++) {
      emit(x);
    }
    List<Integer> splits = new ArrayList<>();
    for (int i = min; i < max; i++) {
      splits.add(add(SPLIT, 0));
      emit(x);
    }
    splits.forEach(s -> patch(s, size));
  }

  private int classIndex(GoRe re) {
    Integer i = classOf.get(re);
    if (i == null) {
      Ranges key = new Ranges(Arrays.copyOf(re.rune, re.nrune));
      i = byContent.get(key);
      if (i == null) {
        classes.add(key.ranges());
        i = classes.size() - 1;
        byContent.put(key, i);
      }
      classOf.put(re, i);
    }
    return i;
  }

  /** A class's ranges compared by content, so that equal classes are stored once. */
  private record Ranges(int[] ranges) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Ranges r && Arrays.equals(ranges, r.ranges);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ranges);
    }
  }

  private int foldedRuneClass(int r) {
    return foldedRune.computeIfAbsent(r, x -> {
      RuneList l = new RuneList();
      RuneClasses.appendFoldedRange(l, x, x);
      RuneClasses.clean(l);
      classes.add(Arrays.copyOf(l.array(), l.size()));
      return classes.size() - 1;
    });
  }
}
