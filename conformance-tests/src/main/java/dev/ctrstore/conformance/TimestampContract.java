package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Timestamps (docs/semantics.md §1.4, decision D-9). */
public abstract class TimestampContract extends Contract {
  protected TimestampContract(StoreConformanceTest kit) {
    super(kit);
  }

  @Test
  void createSetsBothTimesToTheSameMicrosecond() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Container c = create(container("c"));
    assertMicros(c.createdAt());
    assertEquals(c.createdAt(), c.updatedAt());
    assertFalse(c.createdAt().isBefore(before), "createdAt must not be before the call");
    assertEquals(c.createdAt(), get("c").createdAt());
  }

  @Test
  void inputTimesAreIgnoredOnCreate() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant future = Instant.now().plus(Duration.ofDays(3650));
    Container c = create(container("c").createdAt(Instant.EPOCH).updatedAt(future));
    assertFalse(c.createdAt().isBefore(before));
    assertTrue(c.updatedAt().isBefore(future));
    assertEquals(c.createdAt(), c.updatedAt());
  }

  @Test
  void updateKeepsCreatedAtAndStrictlyAdvancesUpdatedAt() {
    Container previous = create(container("c"));
    Instant createdAt = previous.createdAt();
    for (int i = 0; i < 25; i++) {
      Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
      Container next = update(container("c").label("n", Integer.toString(i)), "labels.n");
      assertMicros(next.updatedAt());
      assertEquals(createdAt, next.createdAt());
      assertTrue(next.updatedAt().isAfter(previous.updatedAt()), "update " + i);
      assertTrue(next.updatedAt().isAfter(createdAt));
      assertFalse(next.updatedAt().isBefore(before), "updatedAt must not be before the call");
      assertEquals(next, get("c"));
      previous = next;
    }
  }

  @Test
  void inputTimesAreIgnoredOnUpdate() {
    Container created = create(container("c"));
    Container out = update(container("c").image("x").createdAt(Instant.EPOCH)
        .updatedAt(Instant.EPOCH));
    assertEquals(created.createdAt(), out.createdAt());
    assertTrue(out.updatedAt().isAfter(created.updatedAt()));
  }

  @Test
  void failedUpdateKeepsBothTimes() {
    Container created = create(container("c"));
    assertInvalid(() -> update(container("c"), "bogus"));
    assertInvalid(() -> update(container("c").spec(null), "spec"));
    assertEquals(created, get("c"));
  }

  @Test
  void updateThatChangesNothingStillAdvancesUpdatedAt() {
    Container created = create(container("c").label("k", "v"));
    Container out = update(container("c").label("k", "v"), "labels.k");
    assertEquals(created.labels(), out.labels());
    assertTrue(out.updatedAt().isAfter(created.updatedAt()));
  }
}
