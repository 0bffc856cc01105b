package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.assertError;
import static dev.ctrstore.conformance.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Deadlines of the {@link Context} (ctrstore's contract; containerd's store ignores them). */
public abstract class DeadlineContract extends Contract {
  protected DeadlineContract(StoreConformanceTest kit) {
    super(kit);
  }

  private Context expired() {
    return context().withDeadline(Instant.now().minusSeconds(60));
  }

  private void assertExpired(Executable call) {
    assertError(DeadlineExceededException.class, ErrorKind.DEADLINE_EXCEEDED, call);
  }

  @Test
  void passedDeadlineFailsEveryOperation() {
    create(container("c"));
    Context late = expired();
    assertAll(
        () -> assertExpired(() -> store().get(late, "c")),
        () -> assertExpired(() -> store().list(late)),
        () -> assertExpired(() -> store().create(late, container("d").build())),
        () -> assertExpired(() -> store().update(late, container("c").image("x").build(), "image")),
        () -> assertExpired(() -> store().delete(late, "c")));
  }

  @Test
  void operationThatMissedItsDeadlineWritesNothing() {
    Container c = create(container("c"));
    Context late = expired();
    assertThrows(DeadlineExceededException.class,
        () -> store().create(late, container("d").build()));
    assertThrows(DeadlineExceededException.class,
        () -> store().update(late, container("c").image("x").build(), "image"));
    assertThrows(DeadlineExceededException.class, () -> store().delete(late, "c"));
    assertAbsent("d");
    assertEquals(c, get("c"));
  }

  @Test
  void deadlineInTheFutureLetsCallsThrough() {
    Context soon = context().withTimeout(Duration.ofMinutes(5));
    Container c = store().create(soon, container("c").build());
    assertEquals(c, store().get(soon, "c"));
    assertEquals(List.of(c), store().list(soon));
    Container u = store().update(soon, container("c").image("i").build(), "image");
    assertEquals(u, get("c"));
    store().delete(soon, "c");
    assertAbsent("c");
  }
}
