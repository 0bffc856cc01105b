package dev.ctrstore.internal;

import dev.ctrstore.InvalidArgumentException;

/**
 * containerd's identifier grammar, used for container ids and namespaces: 1 to 76 bytes of
 * {@code [A-Za-z0-9]+} groups joined by single {@code .}, {@code _} or {@code -}.
 */
public final class Identifiers {
  /** The longest identifier, in bytes. */
  public static final int MAX_LENGTH = 76;

  private Identifiers() {}

  /**
   * Checks {@code value} in containerd's order (empty, too long, pattern).
   *
   * @param what how the message names the value, e.g. {@code namespace} or {@code container id}
   * @throws InvalidArgumentException naming the value and the rule it breaks
   */
  public static void validate(String what, String value) {
    if (value.isEmpty()) {
      throw new InvalidArgumentException(what + " must not be empty");
    }
    int bytes = Text.utf8Length(value);
    if (bytes > MAX_LENGTH) {
      throw new InvalidArgumentException(what + " " + Text.quote(value) + ": longer than "
          + MAX_LENGTH + " bytes (" + bytes + ")");
    }
    if (!matchesGrammar(value)) {
      throw new InvalidArgumentException(what + " " + Text.quote(value)
          + ": must match [A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*");
    }
  }

  /** True when {@code value} matches the grammar (length aside). */
  public static boolean matchesGrammar(String value) {
    boolean needAlnum = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (alnum) {
        needAlnum = false;
      } else if ((c == '.' || c == '_' || c == '-') && !needAlnum) {
        needAlnum = true;
      } else {
        return false;
      }
    }
    return !needAlnum;
  }
}
