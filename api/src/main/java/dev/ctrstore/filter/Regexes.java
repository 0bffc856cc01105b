package dev.ctrstore.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles {@code ~=} values in the dialect of Go 1.20's {@code regexp}, the engine of
 * containerd v1.7.0, using RE2/J (a port of the same engine). RE2/J 1.8 is more permissive than
 * Go 1.20 in a few places, which {@link RegexLimits} closes before compiling: named groups
 * {@code (?<n>…)} (Go 1.22+ only), nested repetition counts whose product exceeds 1000, and the
 * size and nesting limits Go enforces (without them RE2/J can run out of heap or stack).
 */
final class Regexes {
  private Regexes() {}

  /** Why a {@code ~=} value is not a valid expression; the message is Go-like. */
  static final class InvalidRegexException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidRegexException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * ctrstore's own limit, not Go's: RE2/J 1.8 compiles long literals in quadratic time (a
   * 1,000,000-character expression takes minutes), so longer expressions are refused to keep
   * parsing cheap. Needs a recorded decision; Go accepts any length within its size limit.
   */
  static final int MAX_LENGTH = 4096;

  static Pattern compile(String regex) throws InvalidRegexException {
    if (regex.length() > MAX_LENGTH) {
      throw new InvalidRegexException("expression longer than " + MAX_LENGTH
          + " characters (ctrstore limit)");
    }
    String problem = RegexLimits.check(regex);
    if (problem != null) {
      throw new InvalidRegexException("error parsing regexp: " + problem);
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InvalidRegexException(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // A defect or a limit of RE2/J that the checks above did not foresee: still the caller's
      // expression at fault, and the contract is InvalidArgument, never an engine exception.
      throw new InvalidRegexException("cannot compile: " + e);
    }
  }
}
