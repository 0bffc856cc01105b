package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revisions ({@link Feature#REVISIONS}): every successful write of a namespace gets a revision
 * strictly greater than every one the namespace handed out before, in commit order; returned
 * values carry it and later reads return the same.
 */
public abstract class RevisionContract extends Contract {
  private static final int WRITERS = 16;
  private static final int WRITES_EACH = 20;

  protected RevisionContract(StoreConformanceTest kit) {
    super(kit);
  }

  @BeforeEach
  void requireFeature() {
    assumeSupported(Feature.REVISIONS);
  }

  @Test
  void everyWriteTakesAGreaterRevisionAndReadsReturnIt() {
    assertEquals(0, store().revision(context()), "a namespace never written is at revision 0");
    Container a = create(container("a").revision(12345));
    assertTrue(a.revision() > 0, () -> "create returned revision " + a.revision());
    assertEquals(a, get("a"));
    assertEquals(a.revision(), store().revision(context()));
    Container a2 = update(container("a").image("x"));
    assertTrue(a2.revision() > a.revision());
    assertEquals(a2, get("a"));
    assertEquals(a2, list().get(0));
    Container b = create(container("b"));
    assertTrue(b.revision() > a2.revision());
    delete("a");
    long afterDelete = store().revision(context());
    assertTrue(afterDelete > b.revision(), "a delete takes a revision too");
    assertEquals(b, get("b"), "other containers keep theirs");
  }

  @Test
  void namespacesCountApart() {
    create(container("a"));
    long mine = store().revision(context());
    Context other = Context.withNamespace(Fixtures.newNamespace());
    store().create(other, container("a").build());
    store().update(other, container("a").image("y").build());
    assertEquals(mine, store().revision(context()));
  }

  @Test
  void failedWritesLeaveTheRevisionAlone() {
    create(container("a"));
    long before = store().revision(context());
    assertInvalid(() -> update(container("a"), "no-such-path"));
    assertNotFound(() -> update(container("missing")));
    assertNotFound(() -> delete("missing"));
    assertEquals(before, store().revision(context()));
    assertEquals(before, get("a").revision());
  }

  @Test
  void sixteenWritersSeeRevisionsInCommitOrder() throws InterruptedException {
    Store s = store();
    Context c = context();
    // Each writer records when each of its writes started and returned: a write that returned
    // before another started committed before it, so its revision must be smaller.
    List<Object> outcomes = Concurrently.run(WRITERS, w -> () -> {
      List<long[]> writes = new ArrayList<>();
      String id = "w" + w;
      for (int i = 0; i < WRITES_EACH; i++) {
        long start = System.nanoTime();
        Container out = i == 0 ? s.create(c, container(id).build())
            : s.update(c, container(id).image("i" + i).build());
        writes.add(new long[] {start, System.nanoTime(), out.revision()});
      }
      return writes;
    });
    List<long[]> all = new ArrayList<>();
    for (Object o : outcomes) {
      if (!(o instanceof List<?> l)) {
        fail("writer failed: " + o);
        return;
      }
      long previous = 0;
      for (Object x : l) {
        long[] w = (long[]) x;
        assertTrue(w[2] > previous, "one writer's revisions increase");
        previous = w[2];
        all.add(w);
      }
    }
    Set<Long> distinct = new HashSet<>();
    long max = 0;
    for (long[] w : all) {
      assertTrue(distinct.add(w[2]), () -> "revision " + w[2] + " handed out twice");
      max = Math.max(max, w[2]);
    }
    all.sort((x, y) -> Long.compare(x[1], y[1]));
    for (int i = 0; i < all.size(); i++) {
      for (long[] later : all) {
        if (later[0] > all.get(i)[1] && later[2] <= all.get(i)[2]) {
          fail("a write that started after another returned got a smaller revision: "
              + later[2] + " <= " + all.get(i)[2]);
        }
      }
    }
    assertEquals(max, store().revision(context()));
  }
}
