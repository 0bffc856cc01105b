package dev.ctrstore.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.InvalidArgumentException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventRetentionTest {
  private static final String KEY = "ctrstore.test.events.retention";

  @Test
  void acceptsADurationACountOrBoth() {
    assertEquals(EventRetention.of(Duration.ofHours(1), Long.MAX_VALUE), EventRetention.parse(KEY, "1h"));
    assertEquals(EventRetention.of(null, 100_000), EventRetention.parse(KEY, "100000"));
    assertEquals(EventRetention.of(Duration.ofMinutes(30), 5), EventRetention.parse(KEY, "30m, 5"));
    assertEquals(EventRetention.of(Duration.ofMinutes(30), 5), EventRetention.parse(KEY, "5,PT30M"));
    assertEquals(Duration.ofMillis(250), EventRetention.parse(KEY, "250ms").maxAge());
    assertEquals(Duration.ofDays(7), EventRetention.parse(KEY, "7d").maxAge());
    assertNull(EventRetention.parse(KEY, "0").maxAge());
    assertEquals(0, EventRetention.parse(KEY, "0").maxEvents());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1h,2h", "1,2", "1h,2,3", "-1", "1y", "forever", "PT-1H", "h"})
  void rejectsOtherValuesNamingTheKey(String value) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> EventRetention.parse(KEY, value));
    assertTrue(e.getMessage().startsWith(KEY + ": expected a duration"), e.getMessage());
  }
}
