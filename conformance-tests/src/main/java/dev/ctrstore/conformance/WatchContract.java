package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.assertError;
import static dev.ctrstore.conformance.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.Event;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.RevisionCompactedException;
import dev.ctrstore.Store;
import dev.ctrstore.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watches ({@link Feature#WATCH}): every change after the start revision, in revision order,
 * each exactly once, with containerd's topics; resumable after close from the last revision
 * seen; a start older than what the backend keeps fails with {@link RevisionCompactedException}.
 */
public abstract class WatchContract extends Contract {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int WRITERS = 8;
  private static final int WRITES_EACH = 25;

  protected WatchContract(StoreConformanceTest kit) {
    super(kit);
  }

  @BeforeEach
  void requireFeature() {
    assumeSupported(Feature.WATCH);
  }

  @Test
  void eventsCarryTypeTopicNamespaceIdRevisionAndContainer() {
    long start = store().revision(context());
    try (Watch w = store().watch(context(), start)) {
      Container a = create(container("a"));
      Container a2 = update(container("a").image("x"));
      delete("a");
      Event created = w.poll(WAIT);
      Event updated = w.poll(WAIT);
      Event deleted = w.poll(WAIT);
      assertNotNull(deleted, "three events arrive");
      assertEquals(Event.Type.CREATED, created.type());
      assertEquals("/containers/create", created.topic());
      assertEquals(context().namespace(), created.namespace());
      assertEquals("a", created.id());
      assertEquals(a.revision(), created.revision());
      assertEquals(a, created.container());
      assertEquals(Event.Type.UPDATED, updated.type());
      assertEquals("/containers/update", updated.topic());
      assertEquals(a2, updated.container());
      assertEquals(Event.Type.DELETED, deleted.type());
      assertEquals("/containers/delete", deleted.topic());
      assertEquals(a2, deleted.container(), "a delete carries the last stored version");
      assertEquals(store().revision(context()), deleted.revision());
      assertNull(w.poll(Duration.ofMillis(100)), "nothing else happened");
    }
  }

  @Test
  void aWatchStartsAfterTheGivenRevision() {
    create(container("a"));
    long mark = store().revision(context());
    Container b = create(container("b"));
    try (Watch w = store().watch(context(), mark)) {
      Event e = w.poll(WAIT);
      assertNotNull(e);
      assertEquals(b, e.container());
      assertNull(w.poll(Duration.ofMillis(100)));
    }
  }

  @Test
  void aWatcherSeesEveryAcknowledgedWriteOnceInOrderWhileEightThreadsWrite() throws Exception {
    Store s = store();
    Context c = context();
    Map<Long, Container> acknowledged = new ConcurrentHashMap<>();
    List<Event> seen = new ArrayList<>();
    try (Watch w = s.watch(c, s.revision(c))) {
      List<Object> outcomes = Concurrently.run(WRITERS, t -> () -> {
        for (int i = 0; i < WRITES_EACH; i++) {
          String id = "t" + t + "-" + (i / 5);
          if (i % 5 == 0) {
            Container out = s.create(c, container(id).build());
            acknowledged.put(out.revision(), out);
          } else if (i % 5 == 4) {
            s.delete(c, id); // its event must carry the last version, checked below
          } else {
            Container out = s.update(c, container(id).image("i" + i).build());
            acknowledged.put(out.revision(), out);
          }
        }
        return "done";
      });
      outcomes.forEach(o -> assertEquals("done", o, "writer failed"));
      int expected = WRITERS * WRITES_EACH;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (seen.size() < expected && System.nanoTime() < deadline) {
        Event e = w.poll(Duration.ofMillis(200));
        if (e != null) {
          seen.add(e);
        }
      }
      assertEquals(expected, seen.size(), "every acknowledged write arrives");
      assertNull(w.poll(Duration.ofMillis(200)), "and nothing more");
    }
    long previous = 0;
    TreeMap<String, Container> lastById = new TreeMap<>();
    for (Event e : seen) {
      assertTrue(e.revision() > previous, () -> "out of order or repeated: " + e);
      previous = e.revision();
      if (e.type() == Event.Type.DELETED) {
        assertEquals(lastById.remove(e.id()), e.container(), "a delete carries the last version");
      } else {
        Container ack = acknowledged.get(e.revision());
        if (ack == null || !ack.equals(e.container())) {
          fail("event " + e + " does not match the write acknowledged at its revision: " + ack);
        }
        lastById.put(e.id(), e.container());
      }
    }
    assertTrue(lastById.isEmpty(), "every created container was deleted: " + lastById.keySet());
  }

  @Test
  void aResumedWatchLosesAndRepeatsNothing() throws Exception {
    Store s = store();
    Context c = context();
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 60; i++) {
        s.create(c, container("c" + i).build());
      }
    });
    List<Long> seen = new ArrayList<>();
    long last = 0;
    writer.start();
    try {
      for (int round = 0; round < 6; round++) {
        try (Watch w = s.watch(c, last)) {
          for (int i = 0; i < 10; i++) {
            Event e = w.poll(WAIT);
            assertNotNull(e, "event " + (round * 10 + i) + " arrives");
            seen.add(e.revision());
            last = e.revision();
          }
        }
      }
    } finally {
      writer.join();
    }
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) > seen.get(i - 1), "in order, no repeats: " + seen);
    }
    List<Long> created = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      created.add(get("c" + i).revision());
    }
    assertEquals(created, seen, "every write, once, in commit order");
  }

  @Test
  void aClosedWatchRefusesToPollAndANegativeStartIsInvalid() {
    Watch w = store().watch(context(), 0);
    w.close();
    w.close();
    assertError(FailedPreconditionException.class, ErrorKind.FAILED_PRECONDITION,
        () -> w.poll(Duration.ZERO));
    assertInvalid(() -> store().watch(context(), -1));
    assertNoNamespace(() -> store().watch(Context.empty(), 0));
  }

  @Test
  void aWatchFromACompactedRevisionTellsTheCallerToListAgain() throws Exception {
    int kept = 5;
    try (Store small = kit().newStoreRetainingEvents(kept)) {
      Context c = context();
      for (int i = 0; i < 4 * kept; i++) {
        small.create(c, container("c" + i).build());
      }
      long now = small.revision(c);
      RevisionCompactedException e = null;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (e == null && System.nanoTime() < deadline) {
        try {
          small.watch(c, 0).close();
          Thread.sleep(50); // compaction runs in the background
        } catch (RevisionCompactedException x) {
          e = x;
        }
      }
      assertNotNull(e, "a watch from revision 0 failed once older events were compacted");
      assertEquals(ErrorKind.FAILED_PRECONDITION, e.kind());
      assertTrue(e.getMessage().contains("list again"), e.getMessage());
      assertTrue(e.compactedRevision() > 0 && e.compactedRevision() <= now);
      try (Watch w = small.watch(c, now - 1)) {
        Event last = w.poll(WAIT);
        assertNotNull(last, "recent events are kept");
        assertEquals(now, last.revision());
      }
    }
  }
}
