package dev.ctrstore;

import java.util.List;

/**
 * The result of {@link Transfers#compare}: how many containers were compared and how many
 * differ. Immutable.
 *
 * @param compared containers present in either store
 * @param equal containers present in both with every field equal
 * @param differences containers missing from one side or differing in a field
 */
public record Comparison(long compared, long equal, long differences) {

  /** True when the two stores hold the same containers, field for field. */
  public boolean same() {
    return differences == 0;
  }

  /**
   * One container that is not the same in both stores.
   *
   * @param namespace its namespace
   * @param id its id
   * @param kind how it differs
   * @param fields the differing fields (field paths such as {@code labels.app}, {@code spec});
   *     empty unless {@code kind} is {@link Kind#DIFFERENT}
   */
  public record Difference(String namespace, String id, Kind kind, List<String> fields) {
    public Difference {
      fields = List.copyOf(fields);
    }
  }

  /** How a container differs. */
  public enum Kind {
    /** In the expected store only. */
    MISSING,
    /** In the actual store only. */
    UNEXPECTED,
    /** In both, with different fields. */
    DIFFERENT
  }
}
