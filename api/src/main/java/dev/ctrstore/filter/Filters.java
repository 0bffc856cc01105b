package dev.ctrstore.filter;

import dev.ctrstore.ErrorKind;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.StoreException;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of containerd's filter language. {@code Filters.parse("labels.env==prod,image",
 * "id~=^web")} gives a {@link Filter} that is shared by every backend and usable on its own.
 */
public final class Filters {
  private Filters() {}

  /**
   * Parses filter strings: OR across strings, AND across comma-separated selectors within one.
   * No strings, or any string equal to {@code ""}, matches everything.
   *
   * @throws InvalidArgumentException naming the string, the position and the reason when any
   *     string does not parse, or when a {@code ~=} value is not an expression Go 1.19's
   *     {@code regexp} accepts (or is longer than 4096 characters)
   * @throws StoreException of kind {@link ErrorKind#UNKNOWN} if the JVM runs out of stack or
   *     heap while parsing; no {@link Error} escapes
   */
  public static Filter parse(String... filters) {
    if (filters == null) {
      throw new InvalidArgumentException("filters: must not be null");
    }
    if (filters.length == 0) {
      return Filter.all();
    }
    List<List<Selector>> alternatives = new ArrayList<>(filters.length);
    for (int i = 0; i < filters.length; i++) {
      if (filters[i] == null) {
        throw new InvalidArgumentException("filters: filter #" + i + " is null");
      }
      try {
        alternatives.add(FilterParser.parse(filters[i]));
      } catch (StackOverflowError | OutOfMemoryError e) {
        // Parsing is bounded (D-13, D-14): this is the JVM's state, not the filter's fault.
        throw new StoreException(ErrorKind.UNKNOWN,
            "filters: " + e.getClass().getSimpleName() + " while parsing filter #" + i, e);
      }
    }
    return new Filter(alternatives, List.of(filters));
  }
}
