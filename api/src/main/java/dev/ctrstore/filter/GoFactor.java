package dev.ctrstore.filter;

import dev.ctrstore.filter.GoRe.Op;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Go 1.19's concatenation and alternation building: flattening, common-prefix factoring and
 * merging of single characters into classes. Go's limits are computed on the resulting tree, so
 * this follows Go step for step (including which nodes are recycled).
 */
final class GoFactor {
  private final GoParser p;

  GoFactor(GoParser p) {
    this.p = p;
  }

  GoRe collapse(List<GoRe> subs, Op op) throws GoSyntaxException {
    if (subs.size() == 1) {
      return subs.get(0);
    }
    GoRe re = p.newRegexp(op);
    for (GoRe sub : subs) {
      if (sub.op == op) {
        re.sub.addAll(sub.sub);
        p.reuse(sub);
      } else {
        re.sub.add(sub);
      }
    }
    if (op == Op.ALTERNATE) {
      List<GoRe> factored = factor(new ArrayList<>(re.sub));
      re.sub.clear();
      re.sub.addAll(factored);
      if (re.sub.size() == 1) {
        GoRe old = re;
        re = re.sub.get(0);
        p.reuse(old);
      }
    }
    return re;
  }

  private List<GoRe> factor(List<GoRe> sub) throws GoSyntaxException {
    if (sub.size() < 2) {
      return sub;
    }
    // Round 1: common literal prefixes.
    List<GoRe> out = new ArrayList<>();
    int[] str = null;
    int strLen = 0;
    int strFlags = 0;
    int start = 0;
    for (int i = 0; i <= sub.size(); i++) {
      int[] istr = null;
      int istrLen = 0;
      int iflags = 0;
      if (i < sub.size()) {
        GoRe lead = leadingLiteral(sub.get(i));
        if (lead != null) {
          istr = lead.rune;
          istrLen = lead.nrune;
          iflags = lead.flags & GoRe.FOLD_CASE;
        }
        if (iflags == strFlags) {
          int same = 0;
          while (same < strLen && same < istrLen && str[same] == istr[same]) {
            same++;
          }
          if (same > 0) {
            strLen = same;
            continue;
          }
        }
      }
      if (i == start) {
        // nothing
      } else if (i == start + 1) {
        out.add(sub.get(start));
      } else {
        GoRe prefix = p.newRegexp(Op.LITERAL);
        prefix.flags = strFlags;
        prefix.setRunes(java.util.Arrays.copyOf(str, Math.max(strLen, 1)), strLen);
        for (int j = start; j < i; j++) {
          sub.set(j, removeLeadingString(sub.get(j), strLen));
          p.limits.check(sub.get(j));
        }
        GoRe suffix = collapse(new ArrayList<>(sub.subList(start, i)), Op.ALTERNATE);
        GoRe re = p.newRegexp(Op.CONCAT);
        re.sub.add(prefix);
        re.sub.add(suffix);
        out.add(re);
      }
      start = i;
      // Go keeps a slice of the leading literal's runes: later shortening of that literal
      // (removeLeadingString) does not happen before the next comparison, so a copy is exact.
      str = istr == null ? null : java.util.Arrays.copyOf(istr, istrLen);
      strLen = istrLen;
      strFlags = iflags;
    }
    sub = out;

    // Round 2: common leading character classes (or fixed repeats of one).
    out = new ArrayList<>();
    start = 0;
    GoRe first = null;
    for (int i = 0; i <= sub.size(); i++) {
      GoRe ifirst = null;
      if (i < sub.size()) {
        ifirst = leadingRegexp(sub.get(i));
        if (first != null && first.same(ifirst)
            && (GoCharClasses.isCharClass(first) || first.op == Op.REPEAT && first.min == first.max
                && GoCharClasses.isCharClass(first.sub.get(0)))) {
          continue;
        }
      }
      if (i == start) {
        // nothing
      } else if (i == start + 1) {
        out.add(sub.get(start));
      } else {
        GoRe prefix = first;
        for (int j = start; j < i; j++) {
          boolean reuse = j != start;
          sub.set(j, removeLeadingRegexp(sub.get(j), reuse));
          p.limits.check(sub.get(j));
        }
        GoRe suffix = collapse(new ArrayList<>(sub.subList(start, i)), Op.ALTERNATE);
        GoRe re = p.newRegexp(Op.CONCAT);
        re.sub.add(prefix);
        re.sub.add(suffix);
        out.add(re);
      }
      start = i;
      first = ifirst;
    }
    sub = out;

    // Round 3: runs of single characters or classes become one class.
    out = new ArrayList<>();
    start = 0;
    for (int i = 0; i <= sub.size(); i++) {
      if (i < sub.size() && GoCharClasses.isCharClass(sub.get(i))) {
        continue;
      }
      if (i == start) {
        // nothing
      } else if (i == start + 1) {
        out.add(sub.get(start));
      } else {
        int max = start;
        for (int j = start + 1; j < i; j++) {
          GoRe a = sub.get(max);
          GoRe b = sub.get(j);
          if (a.op.compareTo(b.op) < 0 || a.op == b.op && a.nrune < b.nrune) {
            max = j;
          }
        }
        GoRe tmp = sub.get(start);
        sub.set(start, sub.get(max));
        sub.set(max, tmp);
        for (int j = start + 1; j < i; j++) {
          GoCharClasses.mergeCharClass(sub.get(start), sub.get(j));
          p.reuse(sub.get(j));
        }
        GoCharClasses.cleanAlt(sub.get(start));
        out.add(sub.get(start));
      }
      if (i < sub.size()) {
        out.add(sub.get(i));
      }
      start = i + 1;
    }
    sub = out;

    // Round 4: runs of empty matches become one.
    out = new ArrayList<>();
    for (int i = 0; i < sub.size(); i++) {
      if (i + 1 < sub.size() && sub.get(i).op == Op.EMPTY_MATCH
          && sub.get(i + 1).op == Op.EMPTY_MATCH) {
        continue;
      }
      out.add(sub.get(i));
    }
    return out;
  }

  /** The literal {@code re} begins with (Go's leadingString), or null. */
  private static @Nullable GoRe leadingLiteral(GoRe re) {
    if (re.op == Op.CONCAT && !re.sub.isEmpty()) {
      re = re.sub.get(0);
    }
    return re.op == Op.LITERAL ? re : null;
  }

  private GoRe removeLeadingString(GoRe re, int n) {
    if (re.op == Op.CONCAT && !re.sub.isEmpty()) {
      GoRe sub = removeLeadingString(re.sub.get(0), n);
      re.sub.set(0, sub);
      if (sub.op == Op.EMPTY_MATCH) {
        p.reuse(sub);
        switch (re.sub.size()) {
          case 0, 1 -> {
            re.op = Op.EMPTY_MATCH;
            re.sub.clear();
          }
          case 2 -> {
            GoRe old = re;
            re = re.sub.get(1);
            p.reuse(old);
          }
          default -> re.sub.remove(0);
        }
      }
      return re;
    }
    if (re.op == Op.LITERAL) {
      System.arraycopy(re.rune, n, re.rune, 0, re.nrune - n);
      re.nrune -= n;
      if (re.nrune == 0) {
        re.op = Op.EMPTY_MATCH;
      }
    }
    return re;
  }

  private static @Nullable GoRe leadingRegexp(GoRe re) {
    if (re.op == Op.EMPTY_MATCH) {
      return null;
    }
    if (re.op == Op.CONCAT && !re.sub.isEmpty()) {
      GoRe sub = re.sub.get(0);
      return sub.op == Op.EMPTY_MATCH ? null : sub;
    }
    return re;
  }

  private GoRe removeLeadingRegexp(GoRe re, boolean reuse) {
    if (re.op == Op.CONCAT && !re.sub.isEmpty()) {
      if (reuse) {
        p.reuse(re.sub.get(0));
      }
      re.sub.remove(0);
      switch (re.sub.size()) {
        case 0 -> {
          re.op = Op.EMPTY_MATCH;
          re.sub.clear();
        }
        case 1 -> {
          GoRe old = re;
          re = re.sub.get(0);
          p.reuse(old);
        }
        default -> { }
      }
      return re;
    }
    if (reuse) {
      p.reuse(re);
    }
    return p.newRegexp(Op.EMPTY_MATCH);
  }
}
