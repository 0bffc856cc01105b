package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ctrstore.AlreadyExistsException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Concurrency (docs/semantics.md §6, §14): one writer at a time, no lost update, no torn read. */
public abstract class ConcurrencyContract extends Contract {
  protected ConcurrencyContract(StoreConformanceTest kit) {
    super(kit);
  }

  @Test
  void sixteenCreatesOfOneIdHaveExactlyOneWinner() throws InterruptedException {
    Store s = store();
    Context c = context();
    List<Object> outcomes = Concurrently.run(16,
        i -> () -> s.create(c, container("race").image("writer-" + i).build()));
    List<Container> winners = new ArrayList<>();
    int duplicates = 0;
    for (Object o : outcomes) {
      if (o instanceof Container won) {
        winners.add(won);
      } else if (o instanceof AlreadyExistsException e && e.kind() == ErrorKind.ALREADY_EXISTS) {
        duplicates++;
      } else {
        fail("unexpected outcome: " + o);
      }
    }
    assertEquals(1, winners.size());
    assertEquals(15, duplicates);
    assertEquals(winners.get(0), get("race"));
  }

  @Test
  void sixteenLabelUpdatesOfOneContainerAreAllKept() throws InterruptedException {
    create(container("shared"));
    Store s = store();
    Context c = context();
    List<Object> outcomes = Concurrently.run(16, i -> () -> s.update(c,
        container("shared").label("k" + i, "v" + i).build(), "labels.k" + i));
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < 16; i++) {
      assertTrue(outcomes.get(i) instanceof Container, () -> "outcome: " + outcomes);
      expected.put("k" + i, "v" + i);
    }
    assertEquals(expected, get("shared").labels());
  }

  @Test
  void sixteenDeletesOfOneIdHaveExactlyOneWinner() throws InterruptedException {
    create(container("doomed"));
    Store s = store();
    Context c = context();
    List<Object> outcomes = Concurrently.run(16, i -> () -> {
      s.delete(c, "doomed");
      return "deleted";
    });
    assertEquals(1, outcomes.stream().filter("deleted"::equals).count(), outcomes::toString);
    assertEquals(15, outcomes.stream().filter(o -> o instanceof NotFoundException).count());
    assertAbsent("doomed");
  }

  @Test
  void concurrentCreatesOfDistinctIdsAllSucceed() throws InterruptedException {
    Store s = store();
    Context c = context();
    List<Object> outcomes = Concurrently.run(16,
        i -> () -> s.create(c, container(String.format("id-%02d", i)).build()));
    outcomes.forEach(o -> assertTrue(o instanceof Container, () -> "outcome: " + o));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      expected.add(String.format("id-%02d", i));
    }
    assertEquals(expected, ids(list()));
  }

  @Test
  void readersNeverSeeAHalfWrittenRecord() throws InterruptedException {
    create(container("pair").label("a", "0").label("b", "0"));
    Store s = store();
    Context c = context();
    AtomicBoolean done = new AtomicBoolean();
    List<Object> outcomes = Concurrently.run(4, i -> () -> {
      if (i == 0) {
        try {
          for (int n = 1; n <= 50; n++) {
            String v = Integer.toString(n);
            s.update(c, container("pair").label("a", v).label("b", v).build(), "labels");
          }
        } finally {
          done.set(true);
        }
        return "writer";
      }
      int reads = 0;
      while (!done.get() || reads == 0) {
        Container seen = i % 2 == 0 ? s.get(c, "pair") : s.list(c, "labels.a").get(0);
        if (!seen.labels().get("a").equals(seen.labels().get("b"))) {
          return "torn: " + seen.labels();
        }
        reads++;
      }
      return "reader";
    });
    assertEquals(List.of("writer", "reader", "reader", "reader"), outcomes);
  }
}
