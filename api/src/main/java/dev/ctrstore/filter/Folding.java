package dev.ctrstore.filter;

import java.util.Arrays;

/**
 * Go's {@code unicode.SimpleFold} on Java 17's Unicode 13.0 data (Go 1.19 uses Unicode 13.0
 * too). Code points are equivalent when they share a simple case folding; SimpleFold steps
 * through each equivalence class in increasing order and wraps around. Java exposes simple case
 * mappings, not foldings: the folding of c is taken as lower(upper(c)), which is Unicode's simple
 * folding for every code point except U+0130 and U+0131, which fold to nothing else.
 */
final class Folding {
  /** The smallest and largest code points with a folding partner (Go's minFold, maxFold). */
  static final int MIN_FOLD = 0x41;
  static final int MAX_FOLD = 0x1e943;

  /** Sorted code points that have partners, and for each the next one in its class. */
  private static final int[] FROM;
  private static final int[] TO;

  static {
    int n = MAX_FOLD + 1;
    int[] key = new int[n];
    int[] count = new int[n];
    for (int c = 0; c < n; c++) {
      key[c] = fold(c);
      count[key[c]]++;
    }
    // Group members of each class in increasing order: first member by key, then chain.
    int[] first = new int[n];
    int[] last = new int[n];
    Arrays.fill(first, -1);
    int[] next = new int[n];
    Arrays.fill(next, -1);
    int members = 0;
    for (int c = 0; c < n; c++) {
      int k = key[c];
      if (count[k] < 2) {
        continue;
      }
      members++;
      if (first[k] < 0) {
        first[k] = c;
      } else {
        next[last[k]] = c;
      }
      last[k] = c;
    }
    FROM = new int[members];
    TO = new int[members];
    int w = 0;
    for (int c = 0; c < n; c++) {
      int k = key[c];
      if (count[k] < 2) {
        continue;
      }
      FROM[w] = c;
      TO[w] = next[c] >= 0 ? next[c] : first[k];
      w++;
    }
  }

  private Folding() {}

  private static int fold(int c) {
    if (c == 0x130 || c == 0x131) {
      return c;
    }
    int f = Character.toLowerCase(Character.toUpperCase(c));
    return f == 0x130 || f == 0x131 ? c : f;
  }

  /** Go's unicode.SimpleFold. */
  static int simpleFold(int r) {
    if (r < MIN_FOLD || r > MAX_FOLD) {
      return r;
    }
    int i = Arrays.binarySearch(FROM, r);
    return i < 0 ? r : TO[i];
  }

  /** Appends to r every partner of every code point in lo..hi. */
  static void appendPartners(RuneList r, int lo, int hi) {
    int i = Arrays.binarySearch(FROM, lo);
    for (i = i < 0 ? -i - 1 : i; i < FROM.length && FROM[i] <= hi; i++) {
      for (int f = TO[i]; f != FROM[i]; f = simpleFold(f)) {
        RuneClasses.appendRange(r, f, f);
      }
    }
  }

  /** The smallest code point equivalent to r (Go's minFoldRune). */
  static int minFoldRune(int r) {
    int min = r;
    for (int f = simpleFold(r); f != r; f = simpleFold(f)) {
      min = Math.min(min, f);
    }
    return min;
  }
}
