package dev.ctrstore.filter;

import java.util.Arrays;
import java.util.List;

/**
 * Builds parsed {@link Filter}s without the parser (test-only, same package for the
 * package-private constructors), so push-down can be checked before the shared parser lands.
 */
public final class FilterFixtures {
  private FilterFixtures() {}

  /** A selector on a field path (components already decoded). */
  public static Selector sel(Operator op, String value, String... path) {
    return new Selector(Arrays.asList(path), op, value, true,
        op == Operator.MATCHES ? Regexes.compileValid(value) : null);
  }

  /** An == selector whose value is not valid UTF-8 (equals nothing). */
  public static Selector incomparable(String value, String... path) {
    return new Selector(Arrays.asList(path), Operator.EQUALS, value, false, null);
  }

  /** OR of AND-lists. */
  @SafeVarargs
  public static Filter filter(List<Selector>... alternatives) {
    return new Filter(Arrays.asList(alternatives), Arrays.stream(alternatives).map(Object::toString).toList());
  }
}
