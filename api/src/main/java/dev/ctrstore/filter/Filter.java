package dev.ctrstore.filter;

import dev.ctrstore.Container;
import java.util.List;
import java.util.function.Predicate;

/**
 * A parsed list of filter strings, as a {@link Predicate} over containers: a container matches
 * when, for at least one string, it matches every selector of that string. Immutable and
 * thread-safe; obtain one from {@link Filters#parse}.
 *
 * <p>{@link #alternatives()} exposes the structure so a backend can answer part of a filter from
 * an index; the final word on a match is always {@link #test}.
 */
public final class Filter implements Predicate<Container> {
  private static final Filter ALL = new Filter(List.of(), List.of());

  private final List<List<Selector>> alternatives;
  private final List<String> source;

  Filter(List<List<Selector>> alternatives, List<String> source) {
    this.alternatives = alternatives.stream().map(List::copyOf).toList();
    this.source = List.copyOf(source);
  }

  /** The filter that matches every container (no strings given). */
  public static Filter all() {
    return ALL;
  }

  /**
   * The parsed strings, in order: each inner list is one string's selectors (AND); the outer
   * list is OR. An inner list that is empty came from {@code ""} and matches everything; an
   * empty outer list means no strings were given, which also matches everything.
   */
  public List<List<Selector>> alternatives() {
    return alternatives;
  }

  /** True when this filter matches every container. */
  public boolean matchesAll() {
    return alternatives.isEmpty() || alternatives.stream().anyMatch(List::isEmpty);
  }

  @Override
  public boolean test(Container c) {
    if (alternatives.isEmpty()) {
      return true;
    }
    for (List<Selector> conjunction : alternatives) {
      boolean all = true;
      for (Selector s : conjunction) {
        if (!s.test(c)) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** The strings this filter was parsed from. */
  public List<String> source() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Filter f && alternatives.equals(f.alternatives);
  }

  @Override
  public int hashCode() {
    return alternatives.hashCode();
  }

  @Override
  public String toString() {
    return "Filter" + source;
  }
}
