package dev.ctrstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a long move shows on stderr, on a clock the test drives: a bar redrawn in place on a
 * terminal, plain lines at the interval otherwise, nothing with {@code none}.
 */
class ProgressTest {
  private final StringWriter out = new StringWriter();
  private long now = 1_000_000_000L;

  private Progress progress(Progress.Mode mode, Duration every) {
    return new Progress(new PrintWriter(out), "copied", mode, every, () -> now);
  }

  private void after(double seconds) {
    now += (long) (seconds * 1e9);
  }

  @Test
  void aBarIsRedrawnInPlaceWithCountRateAndTimeLeftThenEndsItsLine() {
    Progress p = progress(Progress.Mode.bar, Duration.ofSeconds(10));
    after(0.1);
    p.update(50, 0.05);
    assertEquals("", out.toString(), "at most five redraws a second");
    after(0.9);
    p.update(2_500, 0.25);
    after(1);
    p.update(5_000, 0.5);
    p.finish();
    assertEquals("\rcopied [######------------------] 2,500 (25%) 2,500/s ETA 0:00:03\u001b[K"
        + "\rcopied [############------------] 5,000 (50%) 2,500/s ETA 0:00:02\u001b[K"
        + System.lineSeparator(), out.toString());
  }

  @Test
  void withoutATerminalPlainLinesComeAtTheIntervalAndWithoutTimeLeftWhenTheSizeIsUnknown() {
    Progress p = progress(Progress.Mode.lines, Duration.ofSeconds(10));
    after(5);
    p.update(500, 0.1);
    after(5);
    p.update(1_000, 0.2);
    after(3_990);
    p.update(2_000_000, -1);
    after(9);
    p.update(2_100_000, -1);
    p.finish();
    assertEquals(String.join(System.lineSeparator(),
        "copied: 1,000 (20%), 100/s ETA 0:00:40",
        "copied: 2,000,000, 500/s", ""), out.toString());
  }

  @Test
  void noneShowsNothing() {
    Progress p = progress(Progress.Mode.none, Duration.ofMillis(1));
    after(60);
    p.update(1, 0.5);
    p.finish();
    assertEquals("", out.toString());
    assertEquals(60.0, p.seconds());
  }
}
