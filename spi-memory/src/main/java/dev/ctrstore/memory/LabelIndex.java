package dev.ctrstore.memory;

import dev.ctrstore.Container;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Operator;
import dev.ctrstore.filter.Selector;
import dev.ctrstore.filter.Target;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * label key → value → ids, so that {@code labels.k==v}, {@code labels.k} and {@code id==x}
 * answer in time proportional to the matches instead of the namespace size. It only narrows:
 * the caller still applies the whole filter to what it returns.
 */
final class LabelIndex {
  private final Map<String, Map<String, Set<String>>> byKey = new HashMap<>();

  void add(Container c) {
    c.labels().forEach((k, v) ->
        byKey.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(v, x -> new HashSet<>())
            .add(c.id()));
  }

  void remove(Container c) {
    c.labels().forEach((k, v) -> {
      Map<String, Set<String>> values = byKey.get(k);
      if (values == null) {
        return;
      }
      Set<String> ids = values.get(v);
      if (ids != null && ids.remove(c.id()) && ids.isEmpty()) {
        values.remove(v);
        if (values.isEmpty()) {
          byKey.remove(k);
        }
      }
    });
  }

  /**
   * The containers of {@code byId} that may match, in id order; every container when some
   * alternative has no selector the index can answer.
   */
  List<Container> candidates(NavigableMap<String, Container> byId, Filter filter) {
    if (filter.matchesAll()) {
      return new ArrayList<>(byId.values());
    }
    TreeSet<String> ids = new TreeSet<>();
    for (List<Selector> alternative : filter.alternatives()) {
      Collection<String> narrowest = null;
      for (Selector s : alternative) {
        Collection<String> hit = lookup(byId, s);
        if (hit != null && (narrowest == null || hit.size() < narrowest.size())) {
          narrowest = hit;
        }
      }
      if (narrowest == null) {
        return new ArrayList<>(byId.values());
      }
      ids.addAll(narrowest);
    }
    List<Container> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(byId.get(id));
    }
    return out;
  }

  /** The ids a selector allows, or null when the index cannot say. */
  private @Nullable Collection<String> lookup(NavigableMap<String, Container> byId, Selector s) {
    if (s.target() == Target.ID && s.operator() == Operator.EQUALS) {
      return byId.containsKey(s.value()) ? List.of(s.value()) : List.of();
    }
    if (s.target() != Target.LABEL) {
      return null;
    }
    Map<String, Set<String>> values = byKey.getOrDefault(s.labelKey(), Map.of());
    if (s.operator() == Operator.EQUALS) {
      return values.getOrDefault(s.value(), Set.of());
    }
    if (s.operator() == Operator.PRESENT) {
      Set<String> all = new HashSet<>();
      values.values().forEach(all::addAll);
      return all;
    }
    return null;
  }
}
