package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.assertError;
import static dev.ctrstore.conformance.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ctrstore.AbortedException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.Store;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Conditional writes ({@link Feature#REVISIONS}): {@code updateIf} and {@code deleteIf} write
 * only at the expected revision, else fail with {@code ABORTED} naming the id and both
 * revisions; checks in containerd's order (namespace, existence, revision, paths/validation).
 */
public abstract class ConditionalWriteContract extends Contract {
  private static final int RACERS = 16;

  protected ConditionalWriteContract(StoreConformanceTest kit) {
    super(kit);
  }

  @BeforeEach
  void requireFeature() {
    assumeSupported(Feature.REVISIONS);
  }

  private static AbortedException assertAborted(Executable call) {
    return assertError(AbortedException.class, ErrorKind.ABORTED, call);
  }

  @Test
  void updateIfWritesAtTheExpectedRevisionOnly() {
    Container a = create(container("a"));
    long stale = a.revision() + 1000;
    AbortedException e = assertAborted(() ->
        store().updateIf(context(), stale, container("a").image("x").build()));
    assertEquals(10, e.kind().grpcCode());
    assertTrue(e.getMessage().contains("a") && e.getMessage().contains(Long.toString(stale))
        && e.getMessage().contains(Long.toString(a.revision())), e.getMessage());
    assertEquals(a, get("a"), "an aborted write changes nothing");
    Container a2 = store().updateIf(context(), a.revision(), container("a").image("x").build(),
        "image");
    assertEquals("x", a2.image());
    assertTrue(a2.revision() > a.revision());
    assertEquals(a2, get("a"));
    assertAborted(() -> store().updateIf(context(), a.revision(), container("a").build()));
  }

  @Test
  void deleteIfDeletesAtTheExpectedRevisionOnly() {
    Container a = create(container("a"));
    Container a2 = update(container("a").image("y"));
    AbortedException e = assertAborted(() -> store().deleteIf(context(), "a", a.revision()));
    assertTrue(e.getMessage().contains(Long.toString(a2.revision())), e.getMessage());
    assertEquals(a2, get("a"));
    store().deleteIf(context(), "a", a2.revision());
    assertAbsent("a");
  }

  @Test
  void checksComeInContainerdsOrder() {
    Container a = create(container("a"));
    long wrong = a.revision() + 1000;
    Context none = Context.empty();
    assertError(FailedPreconditionException.class, ErrorKind.FAILED_PRECONDITION,
        () -> store().updateIf(none, wrong, container("missing").build(), "bad"));
    assertError(FailedPreconditionException.class, ErrorKind.FAILED_PRECONDITION,
        () -> store().deleteIf(none, "missing", wrong));
    assertNotFound(() -> store().updateIf(context(), wrong, container("missing").build(), "bad"));
    assertNotFound(() -> store().deleteIf(context(), "missing", wrong));
    assertAborted(() -> store().updateIf(context(), wrong, container("a").build(), "bad"));
    assertAborted(() -> store().updateIf(context(), wrong,
        container("a").runtime("changed").build()));
    assertInvalid(() -> store().updateIf(context(), a.revision(), container("a").build(), "bad"));
    assertInvalid(() -> store().updateIf(context(), a.revision(),
        container("a").runtime("changed").build()));
    assertEquals(a, get("a"));
  }

  @Test
  void ofSixteenRacingUpdateIfsExactlyOneWins() throws InterruptedException {
    Container a = create(container("race"));
    Store s = store();
    Context c = context();
    List<Object> outcomes = Concurrently.run(RACERS, i -> () ->
        s.updateIf(c, a.revision(), container("race").image("racer-" + i).build(), "image"));
    List<Container> winners = new ArrayList<>();
    int aborted = 0;
    for (Object o : outcomes) {
      if (o instanceof Container won) {
        winners.add(won);
      } else if (o instanceof AbortedException e && e.kind() == ErrorKind.ABORTED) {
        aborted++;
      } else {
        fail("unexpected outcome: " + o);
      }
    }
    assertEquals(1, winners.size(), "exactly one winner");
    assertEquals(RACERS - 1, aborted);
    assertEquals(winners.get(0), get("race"));
  }

  @Test
  void ofSixteenRacingDeleteIfsExactlyOneWins() throws InterruptedException {
    Container a = create(container("race"));
    Store s = store();
    Context c = context();
    List<Object> outcomes = Concurrently.run(RACERS, i -> () -> {
      s.deleteIf(c, "race", a.revision());
      return "deleted";
    });
    long won = outcomes.stream().filter("deleted"::equals).count();
    assertEquals(1, won, () -> "outcomes: " + outcomes);
    for (Object o : outcomes) {
      if (!"deleted".equals(o) && !(o instanceof dev.ctrstore.NotFoundException)) {
        fail("a loser must find nothing to delete: " + o);
      }
    }
    assertAbsent("race");
  }
}
