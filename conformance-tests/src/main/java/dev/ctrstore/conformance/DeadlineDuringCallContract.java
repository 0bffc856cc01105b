package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.testing.FaultInjectingStorage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A deadline that passes while a write runs (docs/semantics.md §0 on contexts): the call either
 * completes — and its write is there in full — or fails with {@code DeadlineExceededException}
 * and leaves the previous state whole. Never another error, never half a write. The storage
 * under test is wrapped in a {@link FaultInjectingStorage} that pauses a transaction between
 * its statements, or holds a lock another call waits for.
 */
public abstract class DeadlineDuringCallContract extends Contract {
  protected DeadlineDuringCallContract(StoreConformanceTest kit) {
    super(kit);
  }

  private FaultInjectingStorage faulty() {
    return shared("deadline-faulty", () -> new FaultInjectingStorage(storage()));
  }

  private Store faultyStore() {
    return shared("deadline-store", () -> Stores.over(faulty()));
  }

  private static void sleepUntilPast(Context ctx) {
    try {
      while (ctx.deadline() != null && !ctx.isExpired()) {
        Thread.sleep(20);
      }
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs {@code call} with a deadline of {@code timeout}; returns its result, or null when it
   * failed with {@code DeadlineExceededException}; any other failure fails the check.
   */
  private static <T> @Nullable T withinOrExpired(Context base, Duration timeout,
      Function<Context, T> call) {
    Context ctx = base.withTimeout(timeout);
    try {
      return call.apply(ctx);
    } catch (DeadlineExceededException e) {
      assertEquals(ErrorKind.DEADLINE_EXCEEDED, e.kind());
      return null;
    } catch (RuntimeException e) {
      throw new AssertionError("a deadline passing during the call must give "
          + "DeadlineExceededException or success, not " + e, e);
    }
  }

  @Test
  void deadlinePassingBetweenStatementsLeavesNoHalfWrite() {
    FaultInjectingStorage f = faulty();
    Store s = faultyStore();
    Context c = context();
    Thread me = Thread.currentThread();
    f.setHook((ctx, ns, op, index) -> {
      if (Thread.currentThread() == me && ns.equals(c.namespace()) && index == 1) {
        sleepUntilPast(ctx);
      }
    });
    try {
      Container before = s.create(c, container("x").label("old", "v").build());
      Container updated = withinOrExpired(c, Duration.ofMillis(300), ctx -> s.update(ctx,
          container("x").label("new", "v").image("new").build(), "labels", "image"));
      Container now = s.get(c, "x");
      assertEquals(updated == null ? before : updated, now, "update");
      assertEquals(updated == null ? List.of() : List.of(now), s.list(c, "labels.new==v"));

      Container created = withinOrExpired(c, Duration.ofMillis(300),
          ctx -> s.create(ctx, container("y").label("new", "v").build()));
      assertEquals(created == null ? List.of() : List.of(created), s.list(c, "id==y"), "create");

      Object deleted = withinOrExpired(c, Duration.ofMillis(300), ctx -> {
        s.delete(ctx, "x");
        return "deleted";
      });
      assertEquals(deleted == null ? List.of(now) : List.of(), s.list(c, "id==x"), "delete");
    } finally {
      f.setHook(null);
    }
  }

  @Test
  void deadlinePassingWhileWaitingForALockLeavesStateWhole() throws InterruptedException {
    FaultInjectingStorage f = faulty();
    Store s = faultyStore();
    Context c = context();
    s.create(c, container("x").build());
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread[] holder = new Thread[1];
    f.setHook((ctx, ns, op, index) -> {
      if (Thread.currentThread() == holder[0] && index == 1) {
        holding.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    try {
      Object[] holderOutcome = new Object[1];
      holder[0] = new Thread(() -> {
        try {
          holderOutcome[0] = s.update(c, container("x").label("first", "1").build(), "labels.first");
        } catch (RuntimeException e) {
          holderOutcome[0] = e;
        }
      }, "kit-lock-holder");
      holder[0].start();
      assertTrue(holding.await(30, TimeUnit.SECONDS), "the first update never reached the storage");
      Thread waiter = new Thread(() -> {
        try {
          Thread.sleep(2500);
        } catch (InterruptedException e) {
          return;
        }
        release.countDown();
      }, "kit-lock-release");
      waiter.start();
      Container second = withinOrExpired(c, Duration.ofSeconds(1),
          ctx -> s.update(ctx, container("x").label("second", "2").build(), "labels.second"));
      release.countDown();
      holder[0].join(30_000);
      waiter.interrupt();
      if (!(holderOutcome[0] instanceof Container)) {
        fail("the update holding the lock failed: " + holderOutcome[0]);
      }
      Map<String, String> expected = second == null ? Map.of("first", "1")
          : Map.of("first", "1", "second", "2");
      assertEquals(expected, s.get(c, "x").labels());
    } finally {
      f.setHook(null);
    }
  }
}
