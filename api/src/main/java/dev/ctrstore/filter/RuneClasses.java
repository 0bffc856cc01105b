package dev.ctrstore.filter;

/**
 * Go's character-class arithmetic on lo,hi range lists, including its case folding: a folded
 * range gains every code point in the simple-folding orbit of each of its code points.
 */
final class RuneClasses {
  static final int MAX_RUNE = Character.MAX_CODE_POINT;

  private RuneClasses() {}

  /** Sorts by lo (ties: larger hi first), merges overlapping and abutting ranges. */
  static void clean(RuneList r) {
    int pairs = r.size() / 2;
    long[] keyed = new long[pairs];
    for (int i = 0; i < pairs; i++) {
      // lo ascending, then hi descending.
      keyed[i] = ((long) r.get(2 * i) << 32) | (0xffffffffL - r.get(2 * i + 1));
    }
    java.util.Arrays.sort(keyed);
    for (int i = 0; i < pairs; i++) {
      r.set(2 * i, (int) (keyed[i] >>> 32));
      r.set(2 * i + 1, (int) (0xffffffffL - (keyed[i] & 0xffffffffL)));
    }
    if (r.size() < 2) {
      return;
    }
    int w = 2;
    for (int i = 2; i < r.size(); i += 2) {
      int lo = r.get(i);
      int hi = r.get(i + 1);
      if (lo <= r.get(w - 1) + 1) {
        if (hi > r.get(w - 1)) {
          r.set(w - 1, hi);
        }
        continue;
      }
      r.set(w, lo);
      r.set(w + 1, hi);
      w += 2;
    }
    r.truncate(w);
  }

  static void appendLiteral(RuneList r, int x, int flags) {
    if ((flags & GoRe.FOLD_CASE) != 0) {
      appendFoldedRange(r, x, x);
    } else {
      appendRange(r, x, x);
    }
  }

  /** Appends lo-hi, widening one of the last two ranges when they overlap or abut. */
  static void appendRange(RuneList r, int lo, int hi) {
    int n = r.size();
    for (int i = 2; i <= 4; i += 2) {
      if (n >= i) {
        int rlo = r.get(n - i);
        int rhi = r.get(n - i + 1);
        if (lo <= rhi + 1 && rlo <= hi + 1) {
          if (lo < rlo) {
            r.set(n - i, lo);
          }
          if (hi > rhi) {
            r.set(n - i + 1, hi);
          }
          return;
        }
      }
    }
    r.add(lo);
    r.add(hi);
  }

  static void appendFoldedRange(RuneList r, int lo, int hi) {
    if (lo <= Folding.MIN_FOLD && hi >= Folding.MAX_FOLD || hi < Folding.MIN_FOLD
        || lo > Folding.MAX_FOLD) {
      appendRange(r, lo, hi);
      return;
    }
    if (lo < Folding.MIN_FOLD) {
      appendRange(r, lo, Folding.MIN_FOLD - 1);
      lo = Folding.MIN_FOLD;
    }
    if (hi > Folding.MAX_FOLD) {
      appendRange(r, Folding.MAX_FOLD + 1, hi);
      hi = Folding.MAX_FOLD;
    }
    // Go walks every code point of the range; only those with partners add anything, and the
    // caller cleans the class afterwards, so visiting just those gives the same class faster.
    appendRange(r, lo, hi);
    Folding.appendPartners(r, lo, hi);
  }

  static void appendClass(RuneList r, int[] x, int n) {
    for (int i = 0; i < n; i += 2) {
      appendRange(r, x[i], x[i + 1]);
    }
  }

  static void appendFoldedClass(RuneList r, int[] x, int n) {
    for (int i = 0; i < n; i += 2) {
      appendFoldedRange(r, x[i], x[i + 1]);
    }
  }

  static void appendNegatedClass(RuneList r, int[] x, int n) {
    int nextLo = 0;
    for (int i = 0; i < n; i += 2) {
      int lo = x[i];
      int hi = x[i + 1];
      if (nextLo <= lo - 1) {
        appendRange(r, nextLo, lo - 1);
      }
      nextLo = hi + 1;
    }
    if (nextLo <= MAX_RUNE) {
      appendRange(r, nextLo, MAX_RUNE);
    }
  }

  /** Replaces the clean class r by its complement. */
  static void negate(RuneList r) {
    int[] x = java.util.Arrays.copyOf(r.array(), r.size());
    r.truncate(0);
    int nextLo = 0;
    for (int i = 0; i < x.length; i += 2) {
      if (nextLo <= x[i] - 1) {
        r.add(nextLo);
        r.add(x[i] - 1);
      }
      nextLo = x[i + 1] + 1;
    }
    if (nextLo <= MAX_RUNE) {
      r.add(nextLo);
      r.add(MAX_RUNE);
    }
  }
}
