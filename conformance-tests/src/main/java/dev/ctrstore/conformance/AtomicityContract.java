package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.any;
import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.fullContainer;
import static dev.ctrstore.conformance.Fixtures.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.StoreException;
import dev.ctrstore.testing.FaultInjectingStorage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A write is one transaction (docs/semantics.md §6): the storage under test is wrapped in a
 * {@link FaultInjectingStorage} that fails a transaction right after its k-th call on the
 * writer, for every k the transaction makes, and nothing of that transaction may be visible
 * afterwards — not through {@code get}, not through {@code list}, not through a filter that an
 * index answers.
 */
public abstract class AtomicityContract extends Contract {
  protected AtomicityContract(StoreConformanceTest kit) {
    super(kit);
  }

  /**
   * The storage under test behind a fault injector, shared by this class's checks (the kit
   * closes the storage itself).
   */
  private FaultInjectingStorage faulty() {
    return shared("atomicity-faulty", () -> new FaultInjectingStorage(storage()));
  }

  private Store faultyStore() {
    return shared("atomicity-store", () -> Stores.over(faulty()));
  }

  /** One write, from a known previous state. */
  private record Op(String name, Consumer<Store> setUp, Consumer<Store> write) {}

  private List<Op> ops(Context c) {
    Consumer<Store> stored = s -> s.create(c, fullContainer("x").label("old", "v").build());
    return List.of(
        new Op("create", s -> { }, s -> s.create(c, fullContainer("x").label("new", "v").build())),
        new Op("create next to another", stored,
            s -> s.create(c, container("y").label("new", "v").build())),
        new Op("update labels", stored, s -> s.update(c,
            container("x").label("new", "v").build(), "labels")),
        new Op("update one label", stored, s -> s.update(c,
            container("x").label("new", "v").build(), "labels.new", "labels.old")),
        new Op("update extensions", stored, s -> s.update(c,
            container("x").extension("new", any("t/new", "n")).build(), "extensions")),
        new Op("update spec", stored, s -> s.update(c,
            container("x").spec(any("t/spec2", "s2")).build(), "spec")),
        new Op("full update", stored, s -> s.update(c,
            fullContainer("x").label("new", "v").image("new").build())),
        new Op("delete", stored, s -> s.delete(c, "x")));
  }

  /** What a check can see of namespace {@code c}: every record, and what label filters find. */
  private static List<Object> visible(Store s, Context c) {
    return List.of(s.list(c), ids(s.list(c, "labels.new==v")), ids(s.list(c, "labels.old==v")),
        ids(s.list(c, "labels.new")), ids(s.list(c, "image==new")));
  }

  @TestFactory
  Stream<DynamicTest> aFailureAtAnyCallOfAWriteLeavesNothingBehind() {
    FaultInjectingStorage f = faulty();
    Store s = faultyStore();
    return ops(context()).stream().map(op -> dynamicTest(op.name(), () -> {
      Context probe = Context.withNamespace(Fixtures.newNamespace());
      List<Op> probeOps = ops(probe);
      Op same = probeOps.stream().filter(o -> o.name().equals(op.name())).findFirst().orElseThrow();
      same.setUp().accept(s);
      same.write().accept(s);
      int calls = f.lastWriteCalls();
      assertTrue(calls >= 1, "the write made no call on the storage's writer");
      for (int k = 1; k <= calls; k++) {
        Context c = Context.withNamespace(Fixtures.newNamespace());
        Op fresh = ops(c).stream().filter(o -> o.name().equals(op.name())).findFirst().orElseThrow();
        fresh.setUp().accept(s);
        List<Object> before = visible(s, c);
        f.failAfterCall(k);
        int failAt = k;
        StoreException e = assertThrows(StoreException.class, () -> fresh.write().accept(s),
            () -> "the injected fault after call " + failAt + " did not fail the write");
        assertTrue(causedByFault(e), () -> "failed for another reason: " + e);
        assertEquals(before, visible(s, c), "after a fault at call " + k);
        fresh.write().accept(s); // the storage is still usable, and the write still possible
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> aTransactionOfManyWritesIsAllOrNothing() {
    FaultInjectingStorage f = faulty();
    Store s = faultyStore();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return Stream.of(1, 2, 3, 4, 5, 6, 7, 8, 9).map(k -> dynamicTest("fault after call " + k, () -> {
      Context c = Context.withNamespace(Fixtures.newNamespace());
      List<Container> before = insertThroughStorage(f, c, List.of(
          container("a").label("old", "v").build(), container("b").build(),
          container("c").label("old", "v").build()));
      List<Object> seen = visible(s, c);
      f.failAfterCall(k);
      RuntimeException e = assertThrows(RuntimeException.class, () -> f.write(c, c.namespace(), w -> {
        Container a = w.getForUpdate("a");
        w.replace(a, a.toBuilder().labels(Map.of("new", "v")).updatedAt(now.plusSeconds(1)).build());
        w.delete("b");
        w.insert(container("d").label("new", "v").image("new").createdAt(now).updatedAt(now).build());
        Container cc = w.getForUpdate("c");
        w.replace(cc, cc.toBuilder().image("new").updatedAt(now.plusSeconds(1)).build());
        w.insert(container("e").createdAt(now).updatedAt(now).build());
        w.delete("e");
        return w.get("d");
      }));
      assertTrue(causedByFault(e), () -> "failed for another reason: " + e);
      assertEquals(seen, visible(s, c), "after a fault at call " + k);
      assertEquals(before, s.list(c));
      assertNull(f.get(c, c.namespace(), "d"));
    }));
  }

  private static boolean causedByFault(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FaultInjectingStorage.InjectedFault) {
        return true;
      }
    }
    return false;
  }
}
