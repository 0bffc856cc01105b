package dev.ctrstore.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Decision D-9 (docs/semantics.md §13.1): store-set UTC instants at microsecond precision (what MySQL/MariaDB keep), so
 * every backend returns the same value it stored; an update's time is strictly after the
 * previous one even when the clock did not advance.
 */
public final class Timestamps {
  private Timestamps() {}

  /** The clock's now, truncated to microseconds. */
  public static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** The time for an update of a record last written at {@code previous}. */
  public static Instant next(Clock clock, @Nullable Instant previous) {
    Instant now = now(clock);
    if (previous != null && !now.isAfter(previous)) {
      return previous.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
    }
    return now;
  }
}
