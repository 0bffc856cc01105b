package dev.ctrstore.jdbc;

import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The part of a filter that SQL answers, as a condition over {@code ctr_container c}: exactly,
 * but for label selectors, which compare 8-byte hashes of the key and value (see
 * {@link Codec#hash}) and so may, on a hash collision, let through a container that does not
 * match. The condition never leaves out a container that matches.
 *
 * <p>Pushed: {@code id==v}, {@code image==v}, {@code runtime.name==v}, {@code labels.k==v}, and
 * presence of {@code image}, {@code runtime.name} and {@code labels.k}; AND within a filter
 * string, OR across strings. Not pushed ({@code !=}, {@code ~=}): those selectors are simply
 * left out, which widens the condition; the caller tests every returned container with
 * {@link Filter#test}, so a superset is correct. A string with no pushable selector needs every
 * container, so then the whole query is a scan of the namespace. A selector that no stored
 * container can match ({@code ==} with a value that is empty or not valid UTF-8, or a field
 * that is never present) removes its string; when every string is removed, the query is not run.
 *
 * <p>Values are bound as parameters {@code :p0}, {@code :p1}, …; only the shape of the
 * condition (how many selectors of which kind) depends on the filter.
 */
final class Pushdown {
  /** More parameters than this and the filter is answered by a scan (keeps statements small). */
  static final int MAX_PARAMETERS = 256;

  private static final Pushdown ALL = new Pushdown(Kind.ALL, "", Map.of());
  private static final Pushdown NONE = new Pushdown(Kind.NONE, "", Map.of());
  private static final byte[] EMPTY = new byte[0];

  enum Kind {
    /** Every container of the namespace is a candidate. */
    ALL,
    /** No container can match. */
    NONE,
    /** The candidates are those satisfying {@link #condition()}. */
    WHERE
  }

  private final Kind kind;
  private final String condition;
  private final Map<String, Object> parameters;

  private Pushdown(Kind kind, String condition, Map<String, Object> parameters) {
    this.kind = kind;
    this.condition = condition;
    this.parameters = parameters;
  }

  Kind kind() {
    return kind;
  }

  /** {@code " AND (…)"} to append to a query over {@code c}, or {@code ""}. */
  String condition() {
    return condition;
  }

  /** Values for the parameters of {@link #condition()}. */
  Map<String, Object> parameters() {
    return parameters;
  }

  static Pushdown of(Filter filter) {
    if (filter.matchesAll()) {
      return ALL;
    }
    Map<String, Object> params = new LinkedHashMap<>();
    List<String> alternatives = new ArrayList<>();
    for (List<Selector> conjunction : filter.alternatives()) {
      List<String> terms = new ArrayList<>();
      boolean satisfiable = true;
      for (Selector s : conjunction) {
        Term t = term(s, params);
        if (t == Term.NEVER) {
          satisfiable = false;
          break;
        }
        if (t.sql != null) {
          terms.add(t.sql);
        }
      }
      if (!satisfiable) {
        continue;
      }
      if (terms.isEmpty()) {
        return ALL; // this string needs a scan, so the union does too
      }
      alternatives.add(terms.size() == 1 ? terms.get(0) : "(" + String.join(" AND ", terms) + ")");
    }
    if (alternatives.isEmpty()) {
      return NONE;
    }
    if (params.size() > MAX_PARAMETERS) {
      return ALL;
    }
    return new Pushdown(Kind.WHERE, " AND (" + String.join(" OR ", alternatives) + ")",
        Map.copyOf(params));
  }

  /** A selector as SQL: a condition, NEVER (matches nothing) or ANY (not pushed). */
  private record Term(@Nullable String sql) {
    static final Term NEVER = new Term("never");
    static final Term ANY = new Term(null);
  }

  private static Term term(Selector s, Map<String, Object> params) {
    String value = s.value();
    switch (s.operator()) {
      case EQUALS -> {
        // containerd: == needs the field present (non-empty) and equal; a value that is not
        // valid UTF-8 equals nothing stored.
        if (!s.isComparable() || value.isEmpty()) {
          return Term.NEVER;
        }
        return switch (s.target()) {
          case ID -> new Term(Sql.ID_EQUALS.formatted(param(params, Codec.utf8(value))));
          case IMAGE -> new Term(Sql.IMAGE_EQUALS.formatted(
              param(params, Codec.hash(value)), param(params, Codec.utf8(value))));
          case RUNTIME_NAME -> new Term(Sql.RUNTIME_EQUALS.formatted(
              param(params, Codec.hash(value)), param(params, Codec.utf8(value))));
          case LABEL -> {
            String key = s.labelKey();
            if (key == null || key.isEmpty()) {
              yield Term.NEVER;
            }
            yield new Term(Sql.LABEL_EQUALS.formatted(
                param(params, Codec.hash(key)), param(params, Codec.hash(value))));
          }
          case NONE -> Term.NEVER;
        };
      }
      case PRESENT -> {
        return switch (s.target()) {
          case ID -> Term.ANY; // every stored container has an id
          case IMAGE -> new Term(Sql.IMAGE_PRESENT.formatted(param(params, EMPTY)));
          case RUNTIME_NAME -> new Term(Sql.RUNTIME_PRESENT.formatted(param(params, EMPTY)));
          case LABEL -> {
            String key = s.labelKey();
            if (key == null || key.isEmpty()) {
              yield Term.NEVER;
            }
            yield new Term(Sql.LABEL_PRESENT.formatted(param(params, Codec.hash(key))));
          }
          case NONE -> Term.NEVER;
        };
      }
      default -> {
        return Term.ANY; // != and ~= are evaluated in Java
      }
    }
  }

  private static int param(Map<String, Object> params, byte[] value) {
    int n = params.size();
    params.put("p" + n, value);
    return n;
  }
}
