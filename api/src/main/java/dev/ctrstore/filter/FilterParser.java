package dev.ctrstore.filter;

import java.util.List;

/** Placeholder: the tokenizer and parser of containerd's filter grammar (spec section 8). */
final class FilterParser {
  private FilterParser() {}

  static List<Selector> parse(String filter) {
    throw new UnsupportedOperationException("not yet");
  }
}
