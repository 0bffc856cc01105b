package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.any;
import static dev.ctrstore.conformance.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Races a storage's locking and transactions must survive (docs/semantics.md §6, §14): update
 * against delete (a deleted record never comes back), concurrent updates are serialised (each
 * one sees every earlier one, and {@code updatedAt} strictly increases in that order), and
 * readers never see a record mixing two versions of any field.
 */
public abstract class RaceContract extends Contract {
  protected RaceContract(StoreConformanceTest kit) {
    super(kit);
  }

  @Test
  void aDeletedRecordNeverComesBack() throws InterruptedException {
    Store s = store();
    Context c = context();
    for (int round = 0; round < 10; round++) {
      String id = "r" + round;
      s.create(c, container(id).build());
      AtomicBoolean deleted = new AtomicBoolean();
      List<Object> outcomes = Concurrently.run(5, i -> () -> {
        if (i == 0) {
          Thread.sleep(2);
          s.delete(c, id);
          deleted.set(true);
          return "deleted";
        }
        int afterDelete = 0;
        for (int n = 0; ; n++) {
          try {
            s.update(c, container(id).label("w" + i, Integer.toString(n)).build(), "labels.w" + i);
          } catch (NotFoundException e) {
            return "gone";
          }
          if (deleted.get() && ++afterDelete > 20) {
            return "updated 20 times after its delete returned";
          }
        }
      });
      assertEquals(List.of("deleted", "gone", "gone", "gone", "gone"), outcomes);
      int r = round;
      assertNotFound(() -> s.get(c, "r" + r));
      assertEquals(List.of(), s.list(c, "id==r" + r));
    }
  }

  @Test
  void concurrentUpdatesAreSerialisedInUpdatedAtOrder() throws InterruptedException {
    Store s = store();
    Context c = context();
    s.create(c, container("x").build());
    List<Object> outcomes = Concurrently.run(8, i -> () -> {
      List<Container> mine = new ArrayList<>();
      for (int n = 0; n < 5; n++) {
        mine.add(s.update(c, container("x").label("k" + i + "-" + n, "v").build(),
            "labels.k" + i + "-" + n));
      }
      return mine;
    });
    List<Container> all = new ArrayList<>();
    for (Object o : outcomes) {
      assertTrue(o instanceof List<?>, () -> "outcome: " + o);
      ((List<?>) o).forEach(x -> all.add((Container) x));
    }
    all.sort(Comparator.comparing(Container::updatedAt));
    for (int m = 0; m < all.size(); m++) {
      Container u = all.get(m);
      if (m > 0) {
        Instant previous = all.get(m - 1).updatedAt();
        assertTrue(u.updatedAt().isAfter(previous), "updatedAt repeated: " + u.updatedAt());
      }
      assertEquals(m + 1, u.labels().size(),
          "the update with the " + (m + 1) + "th updatedAt saw " + u.labels().size() + " labels");
    }
    assertEquals(all.get(all.size() - 1), s.get(c, "x"));
  }

  /** Every field of version {@code n} carries {@code n}. */
  private static Container version(int n) {
    String v = Integer.toString(n);
    return container("torn").labels(Map.of("a", v, "b", v)).image("img-" + v)
        .spec(any("t/spec", "spec-" + v)).snapshotter("snap").snapshotKey("key-" + v)
        .extension("e", any("t/e", "ext-" + v)).build();
  }

  private static @Nullable String mixed(Container c) {
    String v = c.labels().get("a");
    Container expected = version(Integer.parseInt(v));
    boolean whole = expected.labels().equals(c.labels()) && expected.image().equals(c.image())
        && expected.spec().equals(c.spec()) && expected.snapshotKey().equals(c.snapshotKey())
        && expected.extensions().equals(c.extensions())
        && (v.equals("0") ? c.updatedAt().equals(c.createdAt()) : c.updatedAt().isAfter(c.createdAt()));
    return whole ? null : "mixed versions: " + c;
  }

  @Test
  void readersNeverSeeTwoVersionsOfAnyField() throws InterruptedException {
    Store s = store();
    Context c = context();
    s.create(c, version(0));
    AtomicBoolean done = new AtomicBoolean();
    List<Object> outcomes = Concurrently.run(4, i -> () -> {
      if (i == 0) {
        try {
          for (int n = 1; n <= 60; n++) {
            s.update(c, version(n), "labels", "image", "spec", "snapshotkey", "extensions");
          }
        } finally {
          done.set(true);
        }
        return "writer";
      }
      Instant last = Instant.MIN;
      int reads = 0;
      while (!done.get() || reads == 0) {
        Container seen;
        if (i == 1) {
          seen = s.get(c, "torn");
        } else if (i == 2 || !supports(Feature.STREAM)) {
          seen = s.list(c, "labels.a").get(0);
        } else {
          try (Stream<Container> st = s.stream(c)) {
            seen = st.findFirst().orElseThrow();
          }
        }
        String problem = mixed(seen);
        if (problem != null) {
          return problem;
        }
        if (seen.updatedAt().isBefore(last)) {
          return "went back in time: " + seen;
        }
        last = seen.updatedAt();
        reads++;
      }
      return "reader";
    });
    assertEquals(List.of("writer", "reader", "reader", "reader"), outcomes);
  }
}
