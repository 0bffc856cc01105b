package dev.ctrstore.filter;

import dev.ctrstore.Container;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One parsed selector: a field path, an operator and (unless the operator is presence) a value.
 * Immutable. Evaluates containerd's truth table: {@code ==} needs the field present,
 * {@code !=} and {@code ~=} read an absent field as {@code ""}.
 */
public final class Selector implements Predicate<Container> {
  private final List<String> fieldPath;
  private final Target target;
  private final @Nullable String labelKey;
  private final Operator operator;
  private final String value;
  private final boolean comparable;
  private final @Nullable GoRegex pattern;

  /**
   * @param fieldPath the decoded path components
   * @param operator the operator
   * @param value the decoded value ({@code ""} for presence)
   * @param comparable false when the value's bytes are not valid UTF-8, so that it can equal no
   *     stored string
   * @param pattern the compiled expression for {@code ~=}, else null
   */
  Selector(List<String> fieldPath, Operator operator, String value, boolean comparable,
      @Nullable GoRegex pattern) {
    this(fieldPath, operator, value, comparable, pattern, true);
  }

  /**
   * @param pathComparable false when a path component was written with escapes that do not form
   *     valid UTF-8: a label key spelled so can exist in no container, so the selector addresses
   *     {@link Target#NONE} (absent, reads as {@code ""}) instead of a label
   */
  Selector(List<String> fieldPath, Operator operator, String value, boolean comparable,
      @Nullable GoRegex pattern, boolean pathComparable) {
    this.fieldPath = List.copyOf(fieldPath);
    this.operator = Objects.requireNonNull(operator);
    this.value = Objects.requireNonNull(value);
    this.comparable = comparable;
    this.pattern = pattern;
    if (operator == Operator.MATCHES && pattern == null) {
      throw new IllegalArgumentException("~= needs a pattern");
    }
    String first = this.fieldPath.isEmpty() ? "" : this.fieldPath.get(0);
    switch (first) {
      case "id" -> { target = Target.ID; labelKey = null; }
      case "image" -> { target = Target.IMAGE; labelKey = null; }
      case "runtime" -> {
        boolean name = this.fieldPath.size() >= 2 && this.fieldPath.get(1).equals("name");
        target = name ? Target.RUNTIME_NAME : Target.NONE;
        labelKey = null;
      }
      case "labels" -> {
        target = pathComparable ? Target.LABEL : Target.NONE;
        labelKey = pathComparable
            ? String.join(".", this.fieldPath.subList(1, this.fieldPath.size())) : null;
      }
      default -> { target = Target.NONE; labelKey = null; }
    }
  }

  /** The path components, decoded (quotes and escapes resolved). */
  public List<String> fieldPath() {
    return fieldPath;
  }

  /** The container field addressed. */
  public Target target() {
    return target;
  }

  /** For {@link Target#LABEL}, the label key (components joined with "."); else null. */
  public @Nullable String labelKey() {
    return labelKey;
  }

  public Operator operator() {
    return operator;
  }

  /** The decoded value; {@code ""} for presence. For {@code ~=}, the regular expression. */
  public String value() {
    return value;
  }

  /**
   * False when the value was written with escapes that do not form valid UTF-8: such a value
   * equals no stored string. Backends that push {@code ==} into a query must skip such selectors.
   */
  public boolean isComparable() {
    return comparable;
  }

  @Override
  public boolean test(Container c) {
    String v;
    boolean present;
    switch (target) {
      case ID -> v = c.id();
      case IMAGE -> v = c.image();
      case RUNTIME_NAME -> v = c.runtime().name();
      case LABEL -> {
        String label = c.labels().get(labelKey);
        v = label == null ? "" : label;
        present = label != null;
        return evaluate(v, present);
      }
      default -> v = "";
    }
    present = !v.isEmpty();
    return evaluate(v, present);
  }

  private boolean evaluate(String v, boolean present) {
    return switch (operator) {
      case PRESENT -> present;
      case EQUALS -> present && comparable && v.equals(value);
      case NOT_EQUALS -> !comparable || !v.equals(value);
      case MATCHES -> Regexes.find(pattern, v);
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Selector s
        && fieldPath.equals(s.fieldPath)
        && target == s.target
        && operator == s.operator
        && value.equals(s.value)
        && comparable == s.comparable;
  }

  @Override
  public int hashCode() {
    return Objects.hash(fieldPath, operator, value, comparable);
  }

  @Override
  public String toString() {
    return String.join(".", fieldPath) + operator.symbol() + (operator == Operator.PRESENT ? "" : value);
  }
}
