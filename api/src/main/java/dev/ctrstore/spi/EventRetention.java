package dev.ctrstore.spi;

import dev.ctrstore.InvalidArgumentException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How long a backend keeps its change log, as set by {@code ctrstore.<backend>.events.retention}:
 * a duration, a count of events per namespace, or both separated by a comma ({@code 1h},
 * {@code 100000}, {@code 1h,100000}). An event is discarded once it is older than the duration or
 * once more than the count of newer events exist in its namespace, whichever comes first; the
 * backend's compaction does it in the background, so the log may briefly hold more. Durations
 * are {@code <n>ms}, {@code <n>s}, {@code <n>m}, {@code <n>h}, {@code <n>d} or ISO-8601
 * ({@code PT1H}). Immutable.
 */
public final class EventRetention {
  private final @Nullable Duration maxAge;
  private final long maxEvents;

  private EventRetention(@Nullable Duration maxAge, long maxEvents) {
    this.maxAge = maxAge;
    this.maxEvents = maxEvents;
  }

  /** Keeps events no longer than {@code maxAge} (null: no age limit) and at most {@code maxEvents} per namespace ({@code Long.MAX_VALUE}: no count limit). */
  public static EventRetention of(@Nullable Duration maxAge, long maxEvents) {
    if (maxEvents < 0 || (maxAge != null && maxAge.isNegative())) {
      throw new IllegalArgumentException("retention limits must not be negative");
    }
    return new EventRetention(maxAge, maxEvents);
  }

  /**
   * Parses the value of {@code key}.
   *
   * @throws InvalidArgumentException naming the key and the accepted forms
   */
  public static EventRetention parse(String key, String value) {
    Duration age = null;
    long count = Long.MAX_VALUE;
    String[] parts = value.split(",", -1);
    if (parts.length > 2) {
      throw invalid(key, value);
    }
    for (String raw : parts) {
      String p = raw.trim().toLowerCase(Locale.ROOT);
      if (p.matches("[0-9]{1,18}")) {
        if (count != Long.MAX_VALUE) {
          throw invalid(key, value);
        }
        count = Long.parseLong(p);
      } else {
        if (age != null) {
          throw invalid(key, value);
        }
        age = duration(key, value, p);
      }
    }
    return new EventRetention(age, count);
  }

  private static Duration duration(String key, String value, String p) {
    try {
      if (p.startsWith("p")) {
        Duration d = Duration.parse(p.toUpperCase(Locale.ROOT));
        if (d.isNegative()) {
          throw invalid(key, value);
        }
        return d;
      }
      var m = java.util.regex.Pattern.compile("([0-9]{1,12})(ms|s|m|h|d)").matcher(p);
      if (!m.matches()) {
        throw invalid(key, value);
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } catch (DateTimeParseException e) {
      throw invalid(key, value);
    }
  }

  private static InvalidArgumentException invalid(String key, String value) {
    return new InvalidArgumentException(key + ": expected a duration (e.g. 1h, 30m, PT1H), a "
        + "count of events (e.g. 100000) or both separated by a comma, got \"" + value + "\"");
  }

  /** The age beyond which events are discarded, or null for no age limit. */
  public @Nullable Duration maxAge() {
    return maxAge;
  }

  /** How many events per namespace are kept at most; {@code Long.MAX_VALUE} for no limit. */
  public long maxEvents() {
    return maxEvents;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventRetention r && Objects.equals(maxAge, r.maxAge)
        && maxEvents == r.maxEvents;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAge, maxEvents);
  }

  @Override
  public String toString() {
    return (maxAge == null ? "" : maxAge.toString())
        + (maxAge != null && maxEvents != Long.MAX_VALUE ? "," : "")
        + (maxEvents == Long.MAX_VALUE ? "" : Long.toString(maxEvents));
  }
}
