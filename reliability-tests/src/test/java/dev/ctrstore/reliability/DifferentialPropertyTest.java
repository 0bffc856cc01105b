package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random operation sequences (the {@link Workload} mix: all five operations, field paths,
 * filters, a few invalid calls) applied to memory, H2 and MariaDB give identical results and
 * identical error kinds, call by call. Timestamps differ between stores by nature; everything
 * else is compared.
 */
class DifferentialPropertyTest {
  static final AtomicLong CALLS = new AtomicLong();
  private static Backends backends;

  private static synchronized Backends backends() {
    if (backends == null) {
      backends = new Backends();
    }
    return backends;
  }

  @AfterContainer
  static synchronized void closeBackends() {
    System.out.println("DifferentialPropertyTest: " + CALLS.get() + " calls compared across backends");
    if (backends != null) {
      backends.close();
      backends = null;
    }
  }

  @Property(tries = 150, seed = "20261129")
  void sameCallsGiveSameResultsOnEveryBackend(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int length, @ForAll @IntRange(min = 1, max = 6) int ids) {
    Backends b = backends();
    Map<String, Context> contexts = new LinkedHashMap<>();
    for (String name : b.names()) {
      contexts.put(name, Rel.ctx(Rel.newNamespace()));
    }
    Workload w = new Workload(seed, ids);
    List<String> trace = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      Workload.Call call = w.next();
      Object expected = null;
      String first = null;
      for (Map.Entry<String, Context> e : contexts.entrySet()) {
        Object r = comparable(Workload.run(b.get(e.getKey()), e.getValue(), call));
        CALLS.incrementAndGet();
        if (first == null) {
          first = e.getKey();
          expected = r;
          trace.add(call.kind() + " " + call.id() + " " + (call.paths() == null ? "" : call.paths())
              + (call.filters() == null ? "" : call.filters()) + " -> " + describe(r));
        } else {
          assertEquals(expected, r, e.getKey() + " differs from " + first + " at call " + i
              + "; calls so far:\n  " + String.join("\n  ", trace));
        }
      }
    }
    // And they end holding the same containers.
    Object end = null;
    for (Map.Entry<String, Context> e : contexts.entrySet()) {
      Object all = comparable(b.get(e.getKey()).list(e.getValue()));
      if (end == null) {
        end = all;
      } else {
        assertEquals(end, all, e.getKey() + ": final containers");
      }
    }
  }

  /** A result with timestamps removed; error kinds as they are. */
  static Object comparable(Object r) {
    if (r instanceof Container c) {
      return Linearizability.untimed(c);
    }
    if (r instanceof List<?> l) {
      return l.stream().map(x -> Linearizability.untimed((Container) x)).toList();
    }
    return r;
  }

  private static String describe(Object r) {
    if (r instanceof Container c) {
      return "container " + c.id() + " " + c.labels();
    }
    if (r instanceof List<?> l) {
      return l.size() + " containers";
    }
    return r instanceof ErrorKind k ? k.name() : String.valueOf(r);
  }
}
