package dev.ctrstore.reliability;

import dev.ctrstore.Container;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Filters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A linearizability check per container id ("linearizability-lite"): the operations a run
 * recorded, each with the real-time interval it took and the result it gave, are projected on
 * one id (a list becomes a read of that id); the check searches for a serial order that respects
 * real time in which every result is the one containerd's rules give (Wing and Gong's search,
 * with memoisation). It does not check that a list is one snapshot across ids.
 */
final class Linearizability {
  private Linearizability() {}

  enum Kind { GET, LIST, CREATE, UPDATE, DELETE }

  /** One finished call: what was asked, when, and what came back. */
  record Op(int thread, long invoke, long response, Kind kind, String id, Container input,
      List<String> paths, List<String> filters, Object result) {
    /** The result: a Container, a List of Containers, the ErrorKind of a failure, or "ok". */
    ErrorKind error() {
      return result instanceof ErrorKind k ? k : null;
    }

    @Override
    public String toString() {
      String r = result instanceof List<?> l ? "list of " + l.size() + " " + l.stream()
          .map(c -> ((Container) c).id()).toList() : String.valueOf(result);
      return "t" + thread + " " + kind + " " + id + (paths == null || paths.isEmpty() ? "" : " " + paths)
          + (filters == null ? "" : " " + filters) + " -> " + r + " [" + invoke + ", " + response + "]";
    }
  }

  /** What one id went through in the order found, and its final state. */
  record Order(List<Op> ops, Optional<Container> last) {}

  /**
   * Finds a serial order for every id, or fails naming the id and its history.
   *
   * @param ids every id any operation touched (lists are projected on each)
   */
  static Map<String, Order> check(List<Op> history, Set<String> ids) {
    Map<String, Order> out = new TreeMap<>();
    for (String id : ids) {
      List<Op> ops = new ArrayList<>();
      for (Op op : history) {
        if (op.kind == Kind.LIST || op.id.equals(id)) {
          ops.add(op);
        }
      }
      ops.sort(Comparator.comparingLong(Op::invoke));
      Search s = new Search(id, ops);
      List<Op> order = new ArrayList<>();
      Optional<Container> last = s.run(order);
      if (last == null) {
        StringBuilder b = new StringBuilder("no serial order explains the results for id " + id
            + " (" + ops.size() + " operations); its own operations:\n");
        ops.stream().filter(o -> o.kind != Kind.LIST).forEach(o -> b.append("  ").append(o).append('\n'));
        b.append("the longest serial order found places ").append(s.deepest).append(" of them; its state then: ")
            .append(s.deepestState).append("; none of these fits next:\n");
        s.deepestCandidates.forEach(o -> {
          b.append("  ").append(o).append('\n');
          if (o.result instanceof List<?> l) {
            l.stream().filter(c -> ((Container) c).id().equals(id))
                .forEach(c -> b.append("    with ").append(c).append('\n'));
          }
        });
        throw new AssertionError(b.toString());
      }
      out.put(id, new Order(order, last));
    }
    return out;
  }

  /** The state after {@code op} applied to {@code state}, or null if its result is impossible there. */
  static Optional<Container> step(String id, Optional<Container> state, Op op) {
    Object r = op.result;
    if (r == ErrorKind.ABORTED) {
      return state; // a conflict that outlived the retries: rolled back, it changed nothing
    }
    switch (op.kind) {
      case GET -> {
        if (state.isEmpty()) {
          return r == ErrorKind.NOT_FOUND ? state : null;
        }
        return state.get().equals(r) ? state : null;
      }
      case LIST -> {
        if (!(r instanceof List<?> list)) {
          return null; // filters in the load are valid; a list never fails
        }
        Container seen = null;
        for (Object o : list) {
          if (((Container) o).id().equals(id)) {
            seen = (Container) o;
          }
        }
        Filter f = Filters.parse(op.filters.toArray(String[]::new));
        boolean expected = state.isPresent() && f.test(state.get());
        if (!expected) {
          return seen == null ? state : null;
        }
        return state.get().equals(seen) ? state : null;
      }
      case CREATE -> {
        Container expected;
        try {
          expected = Model.create(op.input);
        } catch (StoreException e) {
          return r == e.kind() ? state : null;
        }
        if (state.isPresent()) {
          return r == ErrorKind.ALREADY_EXISTS ? state : null;
        }
        if (!(r instanceof Container c)) {
          return null;
        }
        boolean ok = untimed(c).equals(untimed(expected)) && c.createdAt() != null
            && c.createdAt().equals(c.updatedAt());
        return ok ? Optional.of(c) : null;
      }
      case UPDATE -> {
        if (state.isEmpty()) {
          return r == ErrorKind.NOT_FOUND ? state : null;
        }
        Container prev = state.get();
        Container expected;
        try {
          expected = Model.update(prev, op.input, op.paths);
        } catch (StoreException e) {
          return r == e.kind() ? state : null;
        }
        if (!(r instanceof Container c)) {
          return null;
        }
        boolean ok = untimed(c).equals(untimed(expected))
            && Objects.equals(c.createdAt(), prev.createdAt())
            && c.updatedAt() != null && c.updatedAt().isAfter(prev.updatedAt());
        return ok ? Optional.of(c) : null;
      }
      case DELETE -> {
        if (state.isEmpty()) {
          return r == ErrorKind.NOT_FOUND ? state : null;
        }
        return "ok".equals(r) ? Optional.empty() : null;
      }
      default -> throw new IllegalStateException();
    }
  }

  static Container untimed(Container c) {
    return c.toBuilder().createdAt(null).updatedAt(null).revision(0).build();
  }

  private static final class Search {
    final String id;
    final List<Op> ops;
    final BitSet done;
    final Set<Object> seen = new HashSet<>();
    int deepest = -1;
    Optional<Container> deepestState = Optional.empty();
    List<Op> deepestCandidates = List.of();

    Search(String id, List<Op> ops) {
      this.id = id;
      this.ops = ops;
      this.done = new BitSet(ops.size());
    }

    /** The final state of a serial order (filling {@code order}), or null if there is none. */
    Optional<Container> run(List<Op> order) {
      return dfs(Optional.empty(), order);
    }

    private Optional<Container> dfs(Optional<Container> state, List<Op> order) {
      int first = done.nextClearBit(0);
      if (first >= ops.size()) {
        return state;
      }
      if (!seen.add(List.of(done.clone(), state))) {
        return null;
      }
      // Candidates: pending calls that began before every pending call ended.
      long minResponse = Long.MAX_VALUE;
      for (int i = first; i < ops.size() && ops.get(i).invoke <= minResponse; i = done.nextClearBit(i + 1)) {
        minResponse = Math.min(minResponse, ops.get(i).response);
      }
      if (order.size() > deepest) {
        deepest = order.size();
        deepestState = state;
        List<Op> candidates = new ArrayList<>();
        for (int i = first; i < ops.size() && ops.get(i).invoke <= minResponse; i = done.nextClearBit(i + 1)) {
          candidates.add(ops.get(i));
        }
        deepestCandidates = candidates;
      }
      for (int i = first; i < ops.size() && ops.get(i).invoke <= minResponse; i = done.nextClearBit(i + 1)) {
        Op op = ops.get(i);
        Optional<Container> next = step(id, state, op);
        if (next != null) {
          done.set(i);
          order.add(op);
          Optional<Container> end = dfs(next, order);
          if (end != null) {
            return end;
          }
          order.remove(order.size() - 1);
          done.clear(i);
        }
      }
      return null;
    }
  }
}
