package dev.ctrstore.filter;

import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;

/**
 * Compiles {@code ~=} values in the dialect of Go 1.19's {@code regexp} (containerd v1.7's
 * toolchain), with ctrstore's own parser ({@link GoParser}) and matcher ({@link GoRegex}):
 * what Go accepts is accepted, what Go refuses is refused with Go's reason, and matches are
 * Go's. Go's parser limits (nesting, repeat counts, compiled size) bound the work and memory of
 * every accepted expression.
 */
final class Regexes {
  private Regexes() {}

  /** Why a {@code ~=} value is not a valid expression; the message is Go's. */
  static final class InvalidRegexException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidRegexException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * ctrstore's own limit (D-13), not Go's: no label value is longer than 4096 bytes, and the
   * limit keeps every parse and compile small.
   */
  static final int MAX_LENGTH = 4096;

  static GoRegex compile(String regex) throws InvalidRegexException {
    if (regex.length() > MAX_LENGTH) {
      throw new InvalidRegexException("expression longer than " + MAX_LENGTH
          + " characters (ctrstore limit)");
    }
    try {
      return GoRegex.compile(regex);
    } catch (GoSyntaxException e) {
      throw new InvalidRegexException(e.getMessage());
    } catch (StackOverflowError | OutOfMemoryError e) {
      // Go's limits bound the tree and the program, so this is the JVM's state (a tiny thread
      // stack, a heap already full), not the expression's fault.
      throw resourceFailure("compiling", regex, e);
    }
  }

  /** Compiles an expression known to be valid (test fixtures); IllegalArgument otherwise. */
  static GoRegex compileValid(String regex) {
    try {
      return compile(regex);
    } catch (InvalidRegexException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Whether {@code regex} matches somewhere in {@code text}; never throws an Error. */
  static boolean find(GoRegex regex, String text) {
    try {
      return regex.find(text);
    } catch (StackOverflowError | OutOfMemoryError e) {
      throw resourceFailure("matching", regex.source(), e);
    }
  }

  static StoreException resourceFailure(String doing, String regex, Throwable e) {
    String shown = regex.length() <= 200 ? regex : regex.substring(0, 200) + "…";
    return new StoreException(ErrorKind.UNKNOWN,
        "filter: " + e.getClass().getSimpleName() + " while " + doing + " regular expression \""
            + shown + "\"", e);
  }
}
