package dev.ctrstore.filter;

import java.util.Arrays;

/** A growable list of ints: code-point ranges as lo,hi pairs (Go's []rune class form). */
final class RuneList {
  private int[] a;
  private int n;

  RuneList() {
    a = new int[8];
  }

  /** A copy of the runes of {@code re}, to be appended to. */
  static RuneList of(GoRe re) {
    RuneList r = new RuneList();
    r.a = Arrays.copyOf(re.rune, Math.max(8, re.nrune));
    r.n = re.nrune;
    return r;
  }

  int size() {
    return n;
  }

  int get(int i) {
    return a[i];
  }

  void set(int i, int v) {
    a[i] = v;
  }

  void add(int v) {
    if (n == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[n++] = v;
  }

  void truncate(int size) {
    n = size;
  }

  /** The backing array; valid up to {@link #size()}. */
  int[] array() {
    return a;
  }
}
