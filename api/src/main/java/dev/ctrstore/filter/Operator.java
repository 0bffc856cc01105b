package dev.ctrstore.filter;

/** The operator of one filter selector. */
public enum Operator {
  /** No operator: the field is present (non-empty). */
  PRESENT(""),
  /** {@code ==}: present and equal, byte for byte. */
  EQUALS("=="),
  /** {@code !=}: the value (empty when absent) differs; presence is not consulted. */
  NOT_EQUALS("!="),
  /** {@code ~=}: the RE2 regular expression finds a match in the value (empty when absent). */
  MATCHES("~=");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in a filter, {@code ""} for presence. */
  public String symbol() {
    return symbol;
  }
}
