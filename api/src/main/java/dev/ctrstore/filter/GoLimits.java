package dev.ctrstore.filter;

import dev.ctrstore.filter.GoRe.Op;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The limits Go 1.19.2+ puts on a parse tree (CVE-2022-41715): at most 1000 levels of nesting,
 * an estimated compiled size of at most 128 MiB of 40-byte instructions, at most 32 Mi runes in
 * classes, and nested counted repetitions multiplying to at most 1000. Go measures these lazily
 * (only once the tree is big enough) and caches per node, so an expression right at a limit is
 * accepted or refused by how Go happened to measure it; this follows the same steps so the
 * verdict is Go's in every case.
 */
final class GoLimits {
  static final int MAX_HEIGHT = 1000;
  static final long MAX_SIZE = (128L << 20) / 40;
  static final long MAX_RUNES = (128L << 20) / 4;

  private final GoParser p;
  long numRunes;
  private long repeats;
  private @Nullable Map<GoRe, Integer> height;
  private @Nullable Map<GoRe, Long> size;

  GoLimits(GoParser p) {
    this.p = p;
  }

  void forgetHeight(GoRe re) {
    if (height != null) {
      height.remove(re);
    }
  }

  void check(GoRe re) throws GoSyntaxException {
    if (numRunes > MAX_RUNES) {
      throw new GoSyntaxException(GoSyntaxException.TOO_LARGE, p.whole);
    }
    checkSize(re);
    checkHeight(re);
  }

  private void checkSize(GoRe re) throws GoSyntaxException {
    Map<GoRe, Long> sizes = size;
    if (sizes == null) {
      if (repeats == 0) {
        repeats = 1;
      }
      if (re.op == Op.REPEAT) {
        long n = re.max == -1 ? re.min : re.max;
        if (n <= 0) {
          n = 1;
        }
        repeats = n > MAX_SIZE / repeats ? MAX_SIZE : repeats * n;
      }
      if (p.numRegexp < MAX_SIZE / repeats) {
        return;
      }
      sizes = new IdentityHashMap<>();
      size = sizes;
      for (GoRe s : p.stack) {
        checkSize(s);
      }
    }
    if (calcSize(sizes, re, true) > MAX_SIZE) {
      throw new GoSyntaxException(GoSyntaxException.TOO_LARGE, p.whole);
    }
  }

  private static long calcSize(Map<GoRe, Long> size, GoRe re, boolean force) {
    if (!force) {
      Long cached = size.get(re);
      if (cached != null) {
        return cached;
      }
    }
    long s = 0;
    switch (re.op) {
      case LITERAL -> s = re.nrune;
      case CAPTURE, STAR -> s = 2 + calcSize(size, re.sub.get(0), false);
      case PLUS, QUEST -> s = 1 + calcSize(size, re.sub.get(0), false);
      case CONCAT, ALTERNATE -> {
        for (GoRe sub : re.sub) {
          s += calcSize(size, sub, false);
        }
        if (re.op == Op.ALTERNATE && re.sub.size() > 1) {
          s += re.sub.size() - 1;
        }
      }
      case REPEAT -> {
        long sub = calcSize(size, re.sub.get(0), false);
        if (re.max == -1) {
          s = re.min == 0 ? 2 + sub : 1 + re.min * sub;
        } else {
          s = re.max * sub + (re.max - re.min);
        }
      }
      default -> { }
    }
    s = Math.max(s, 1);
    size.put(re, s);
    return s;
  }

  private void checkHeight(GoRe re) throws GoSyntaxException {
    if (p.numRegexp < MAX_HEIGHT) {
      return;
    }
    Map<GoRe, Integer> heights = height;
    if (heights == null) {
      heights = new IdentityHashMap<>();
      height = heights;
      for (GoRe s : p.stack) {
        checkHeight(s);
      }
    }
    if (calcHeight(heights, re, true) > MAX_HEIGHT) {
      throw new GoSyntaxException(GoSyntaxException.NESTING_DEPTH, p.whole);
    }
  }

  private static int calcHeight(Map<GoRe, Integer> height, GoRe re, boolean force) {
    if (!force) {
      Integer cached = height.get(re);
      if (cached != null) {
        return cached;
      }
    }
    int h = 1;
    for (GoRe sub : re.sub) {
      h = Math.max(h, 1 + calcHeight(height, sub, false));
    }
    height.put(re, h);
    return h;
  }

  /** Go's repeatIsValid: nested repetitions may not multiply past {@code n} copies. */
  static boolean repeatIsValid(GoRe re, int n) {
    if (re.op == Op.REPEAT) {
      int m = re.max;
      if (m == 0) {
        return true;
      }
      if (m < 0) {
        m = re.min;
      }
      if (m > n) {
        return false;
      }
      if (m > 0) {
        n /= m;
      }
    }
    for (GoRe sub : re.sub) {
      if (!repeatIsValid(sub, n)) {
        return false;
      }
    }
    return true;
  }
}
