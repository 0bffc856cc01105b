package dev.ctrstore.jdbc;

import dev.ctrstore.AbortedException;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;
import dev.ctrstore.spi.StorageEvents;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which failed write transactions run again, and when. A deadlock, serialization failure or lock
 * timeout (rolled back, so nothing was written) is retried up to {@value #MAX_ATTEMPTS} attempts
 * in all, after a back-off drawn uniformly from 1 ms to a cap that doubles with each attempt
 * ({@value #FIRST_CAP_MS} ms, then 8, 16, … up to {@value #MAX_CAP_MS} ms): randomised so
 * that writers which collided do not collide again in step. A conflict that outlives the
 * attempts is {@link AbortedException}; a back-off that would not end before the call's deadline
 * is not slept, and the call fails with {@link DeadlineExceededException} at once. Any other
 * failure is reported without a retry. Each retry is reported to the store's observers ({@link
 * StorageEvents#retrying}) before its back-off, so metrics count retries and the conflicts that
 * outlived them.
 */
final class Retries {
  private static final Logger LOG = LoggerFactory.getLogger(Retries.class);

  /** Attempts of one write before a persisting conflict is reported. */
  static final int MAX_ATTEMPTS = 12;
  /** The back-off cap after the first attempt. */
  static final long FIRST_CAP_MS = 4;
  /** The largest back-off. */
  static final long MAX_CAP_MS = 200;

  /** Sleeps; {@link Thread#sleep} except in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long ms) throws InterruptedException;
  }

  private final Errors errors;
  private final int maxAttempts;
  private final LongUnaryOperator jitter;
  private final Sleeper sleeper;

  Retries(Errors errors) {
    this(errors, MAX_ATTEMPTS, Retries::jitter, Thread::sleep);
  }

  /**
   * @param jitter the back-off for a cap, in {@code [1, cap]}
   */
  Retries(Errors errors, int maxAttempts, LongUnaryOperator jitter, Sleeper sleeper) {
    this.errors = errors;
    this.maxAttempts = maxAttempts;
    this.jitter = jitter;
    this.sleeper = sleeper;
  }

  /**
   * Decides after attempt {@code attempt} failed with {@code e} (rolled back): returns, having
   * waited, when the write should run again, and otherwise throws what the caller reports.
   *
   * @param what the write, for messages; {@code writes} names it better once it touched a container
   * @param writes the failed attempt's writer, or null if it never got one
   */
  void afterFailure(RuntimeException e, int attempt, Context ctx, String what,
      @Nullable ContainerWrites writes) {
    if (!Errors.fromDatabase(e)) {
      throw e; // the work's own failure
    }
    if (ctx.isExpired() || !errors.isRetryable(e)) {
      throw errors.map(e, what, ctx);
    }
    String operation = writes == null ? what : writes.describe(what);
    if (attempt >= maxAttempts) {
      throw new AbortedException(operation + ": transaction conflict (deadlock or serialization"
          + " failure) persisted through " + attempt + " attempts on " + errors.url()
          + "; nothing was written, retrying the call is safe (" + detail(e) + ")", e);
    }
    long delay = jitter.applyAsLong(cap(attempt));
    Optional<Duration> remaining = ctx.remaining();
    if (remaining.isPresent() && delay >= remaining.get().toMillis()) {
      throw new DeadlineExceededException(operation + ": deadline " + ctx.deadline()
          + " would pass during the back-off after transaction conflict " + attempt
          + "; nothing was written (" + detail(e) + ")", e);
    }
    LOG.debug("{}: transaction conflict on attempt {}, running it again in {} ms: {}", operation,
        attempt, delay, detail(e));
    StorageEvents.retrying(e);
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new StoreException(ErrorKind.UNKNOWN, operation
          + ": interrupted while waiting to retry a transaction conflict; nothing was written", ie);
    }
  }

  /** The back-off cap after attempt {@code attempt} (1-based). */
  static long cap(int attempt) {
    return Math.min(MAX_CAP_MS, FIRST_CAP_MS << Math.min(attempt - 1, 16));
  }

  /** The back-off for {@code cap}: uniform in [1, cap]. */
  static long jitter(long cap) {
    return ThreadLocalRandom.current().nextLong(1, cap + 1);
  }

  private static String detail(RuntimeException e) {
    SQLException s = Errors.sqlCause(e);
    return s == null ? String.valueOf(e)
        : "SQLState " + s.getSQLState() + ", error " + s.getErrorCode() + ": "
            + Urls.mask(String.valueOf(s.getMessage()));
  }
}
