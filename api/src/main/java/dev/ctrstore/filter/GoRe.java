package dev.ctrstore.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A node of a parse tree shaped exactly as Go 1.19's {@code regexp/syntax} shapes it. The shape
 * matters beyond matching: Go's size and nesting limits are computed on this tree, including its
 * literal merging, alternation factoring and node recycling, so a faithful tree is what makes the
 * same expressions accepted and refused.
 */
final class GoRe {
  /** Go's Op, in Go's order (the parser compares ops by order). */
  enum Op {
    NONE, NO_MATCH, EMPTY_MATCH, LITERAL, CHAR_CLASS, ANY_CHAR_NOT_NL, ANY_CHAR, BEGIN_LINE,
    END_LINE, BEGIN_TEXT, END_TEXT, WORD_BOUNDARY, NO_WORD_BOUNDARY, CAPTURE, STAR, PLUS, QUEST,
    REPEAT, CONCAT, ALTERNATE,
    /** Parser-only markers, above every real op. */
    LEFT_PAREN, VERTICAL_BAR;

    boolean pseudo() {
      return this == LEFT_PAREN || this == VERTICAL_BAR;
    }
  }

  static final int FOLD_CASE = 1;
  static final int CLASS_NL = 4;
  static final int DOT_NL = 8;
  static final int ONE_LINE = 16;
  static final int NON_GREEDY = 32;
  static final int PERL_X = 64;
  static final int UNICODE_GROUPS = 128;
  static final int WAS_DOLLAR = 256;
  /** The flags of Go's regexp.Compile. */
  static final int PERL = CLASS_NL | ONE_LINE | PERL_X | UNICODE_GROUPS;

  Op op = Op.NONE;
  int flags;
  /** Literal runes, or class ranges as lo,hi pairs; the first {@link #nrune} are used. */
  int[] rune = new int[2];
  int nrune;
  final List<GoRe> sub = new ArrayList<>(2);
  int min;
  int max;
  int cap;
  /** Capture name, or null. */
  @Nullable String name;
  /** The program's class index for this node, once compiled; -1 before. */
  int compiledClass = -1;
  /** The parser's free list (Go keeps it in Sub0[0]). */
  @Nullable GoRe nextFree;

  void reset() {
    op = Op.NONE;
    flags = 0;
    nrune = 0;
    sub.clear();
    min = 0;
    max = 0;
    cap = 0;
    name = null;
    nextFree = null;
  }

  int[] runes() {
    return Arrays.copyOf(rune, nrune);
  }

  void setRunes(int[] r, int n) {
    rune = r;
    nrune = n;
  }

  void addRune(int r) {
    if (nrune == rune.length) {
      rune = Arrays.copyOf(rune, Math.max(4, rune.length * 2));
    }
    rune[nrune++] = r;
  }

  void setSingleRune(int r) {
    nrune = 0;
    addRune(r);
  }

  /** Go's Regexp.Equal: same structure (literal fold flags are not compared, as in Go). */
  boolean same(@Nullable GoRe y) {
    if (y == null || op != y.op) {
      return false;
    }
    switch (op) {
      case END_TEXT:
        return (flags & WAS_DOLLAR) == (y.flags & WAS_DOLLAR);
      case LITERAL, CHAR_CLASS:
        return Arrays.equals(rune, 0, nrune, y.rune, 0, y.nrune);
      case ALTERNATE, CONCAT:
        if (sub.size() != y.sub.size()) {
          return false;
        }
        for (int i = 0; i < sub.size(); i++) {
          if (!sub.get(i).same(y.sub.get(i))) {
            return false;
          }
        }
        return true;
      case STAR, PLUS, QUEST:
        return (flags & NON_GREEDY) == (y.flags & NON_GREEDY) && sub.get(0).same(y.sub.get(0));
      case REPEAT:
        return (flags & NON_GREEDY) == (y.flags & NON_GREEDY) && min == y.min && max == y.max
            && sub.get(0).same(y.sub.get(0));
      case CAPTURE:
        return cap == y.cap && java.util.Objects.equals(name, y.name)
            && sub.get(0).same(y.sub.get(0));
      default:
        return true;
    }
  }
}
