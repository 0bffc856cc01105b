package dev.ctrstore.filter;

import dev.ctrstore.filter.GoRe.Op;

/**
 * Go's operations on single-character nodes (a one-rune literal, a class, {@code .}): whether a
 * node is one, merging two into one class, and the clean-up of a class that ends an alternation
 * branch. Shared by the alternation handling in {@link GoGroups} and the factoring in
 * {@link GoFactor}.
 */
final class GoCharClasses {
  private GoCharClasses() {
  }

  static boolean isCharClass(GoRe re) {
    return re.op == Op.LITERAL && re.nrune == 1 || re.op == Op.CHAR_CLASS
        || re.op == Op.ANY_CHAR_NOT_NL || re.op == Op.ANY_CHAR;
  }

  private static boolean matchRune(GoRe re, int r) {
    switch (re.op) {
      case LITERAL:
        return re.nrune == 1 && re.rune[0] == r;
      case CHAR_CLASS:
        for (int i = 0; i < re.nrune; i += 2) {
          if (re.rune[i] <= r && r <= re.rune[i + 1]) {
            return true;
          }
        }
        return false;
      case ANY_CHAR_NOT_NL:
        return r != '\n';
      case ANY_CHAR:
        return true;
      default:
        return false;
    }
  }

  /** dst = dst|src; dst is at least as complex an op as src. */
  static void mergeCharClass(GoRe dst, GoRe src) {
    switch (dst.op) {
      case ANY_CHAR -> { }
      case ANY_CHAR_NOT_NL -> {
        if (matchRune(src, '\n')) {
          dst.op = Op.ANY_CHAR;
        }
      }
      case CHAR_CLASS -> {
        RuneList r = RuneList.of(dst);
        if (src.op == Op.LITERAL) {
          RuneClasses.appendLiteral(r, src.rune[0], src.flags);
        } else {
          RuneClasses.appendClass(r, src.rune, src.nrune);
        }
        dst.setRunes(r.array(), r.size());
      }
      case LITERAL -> {
        if (src.rune[0] == dst.rune[0] && src.flags == dst.flags) {
          break;
        }
        dst.op = Op.CHAR_CLASS;
        RuneList r = new RuneList();
        RuneClasses.appendLiteral(r, dst.rune[0], dst.flags);
        RuneClasses.appendLiteral(r, src.rune[0], src.flags);
        dst.setRunes(r.array(), r.size());
      }
      default -> { }
    }
  }

  static void cleanAlt(GoRe re) {
    if (re.op == Op.CHAR_CLASS) {
      RuneList r = RuneList.of(re);
      RuneClasses.clean(r);
      re.setRunes(r.array(), r.size());
      int[] x = re.rune;
      if (re.nrune == 2 && x[0] == 0 && x[1] == Character.MAX_CODE_POINT) {
        re.nrune = 0;
        re.op = Op.ANY_CHAR;
      } else if (re.nrune == 4 && x[0] == 0 && x[1] == '\n' - 1 && x[2] == '\n' + 1
          && x[3] == Character.MAX_CODE_POINT) {
        re.nrune = 0;
        re.op = Op.ANY_CHAR_NOT_NL;
      }
    }
  }
}
