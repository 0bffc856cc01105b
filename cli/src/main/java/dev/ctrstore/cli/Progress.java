package dev.ctrstore.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long move on stderr: on a terminal, one line redrawn in place (a bar, the count,
 * the rate and the time left); otherwise a plain line every few seconds, which logs keep
 * readable. The time left is shown when the size of the work is known.
 */
final class Progress {
  /** How progress is shown. */
  enum Mode { auto, bar, lines, none }

  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final String verb;
  private final boolean bar;
  private final boolean silent;
  private final long everyNanos;
  private final LongSupplier nanoTime;
  private final long started;
  private long lastShown;
  private boolean drawn;

  /**
   * @param verb what is being done, e.g. {@code copied}
   * @param mode {@link Mode#auto}: a bar when the JVM has a console, else lines
   * @param every the interval of plain lines (a bar is redrawn at most 5 times a second)
   */
  Progress(PrintWriter err, String verb, Mode mode, Duration every) {
    this(err, verb, mode, every, System::nanoTime);
  }

  /** As above, timed by {@code nanoTime} (tests drive it). */
  Progress(PrintWriter err, String verb, Mode mode, Duration every, LongSupplier nanoTime) {
    this.err = err;
    this.verb = verb;
    this.bar = mode == Mode.bar || (mode == Mode.auto && System.console() != null);
    this.silent = mode == Mode.none;
    this.everyNanos = bar ? 200_000_000L : Math.max(1, every.toNanos());
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
    this.lastShown = started;
  }

  /**
   * Reports {@code done} items and, when known ({@code fraction} in 0..1; negative when not),
   * the share of the work done.
   */
  void update(long done, double fraction) {
    long now = nanoTime.getAsLong();
    if (silent || now - lastShown < everyNanos) {
      return;
    }
    lastShown = now;
    double seconds = (now - started) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    String eta = fraction > 0 && fraction <= 1
        ? " ETA " + clock(seconds * (1 - fraction) / fraction) : "";
    if (bar) {
      StringBuilder sb = new StringBuilder("\r").append(verb).append(" [");
      int filled = fraction < 0 ? 0 : (int) Math.round(Math.min(1, fraction) * WIDTH);
      sb.append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
          .append(count(done)).append(percent(fraction)).append(' ')
          .append(count(Math.round(rate))).append("/s").append(eta).append("\u001b[K");
      err.print(sb);
      drawn = true;
    } else {
      err.println(verb + ": " + count(done) + percent(fraction) + ", " + count(Math.round(rate))
          + "/s" + eta);
    }
    err.flush();
  }

  /** Ends the bar's line (the summary follows on its own lines). */
  void finish() {
    if (drawn) {
      err.println();
      err.flush();
      drawn = false;
    }
  }

  /** The seconds since the start. */
  double seconds() {
    return (nanoTime.getAsLong() - started) / 1e9;
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String percent(double fraction) {
    return fraction < 0 ? "" : String.format(Locale.ROOT, " (%d%%)",
        (int) Math.floor(Math.min(1, fraction) * 100));
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
