package dev.ctrstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Decision D-9 of docs/semantics.md §13.1. */
class TimestampsTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456789Z");
  private final Clock fixed = Clock.fixed(T, ZoneOffset.UTC);

  @Test
  void nowIsTruncatedToMicroseconds() {
    assertEquals(Instant.parse("2026-01-02T03:04:05.123456Z"), Timestamps.now(fixed));
  }

  @Test
  void nextAdvancesByOneMicrosecondWhenTheClockDidNot() {
    Instant previous = Timestamps.now(fixed);
    assertEquals(previous.plusNanos(1000), Timestamps.next(fixed, previous));
  }

  @Test
  void nextNeverGoesBackWhenTheClockSteppedBack() {
    Instant future = Instant.parse("2030-01-01T00:00:00Z");
    assertEquals(future.plusNanos(1000), Timestamps.next(fixed, future));
  }

  @Test
  void nextIsNowWhenTheClockAdvanced() {
    Instant earlier = Instant.parse("2020-01-01T00:00:00Z");
    assertEquals(Timestamps.now(fixed), Timestamps.next(fixed, earlier));
  }
}
