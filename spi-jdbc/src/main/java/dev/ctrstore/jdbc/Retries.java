package dev.ctrstore.jdbc;

import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which failed write transactions run again, and when: a deadlock, serialization failure or lock
 * timeout is retried a bounded number of times after a randomised back-off; anything else is
 * reported at once.
 */
final class Retries {
  private static final Logger LOG = LoggerFactory.getLogger(Retries.class);

  /** Attempts of one write before a persisting conflict is reported. */
  static final int MAX_ATTEMPTS = 12;

  private final Errors errors;

  Retries(Errors errors) {
    this.errors = errors;
  }

  /**
   * Decides after attempt {@code attempt} of {@code what} failed with {@code e} (rolled back):
   * returns, having waited, when the write should run again, and otherwise throws what the
   * caller reports.
   */
  void afterFailure(RuntimeException e, int attempt, Context ctx, String what) {
    if (!Errors.fromDatabase(e)) {
      throw e; // the work's own failure
    }
    if (ctx.isExpired()) {
      throw errors.map(e, what, ctx);
    }
    boolean retryable = errors.isRetryable(e);
    if (retryable && attempt < MAX_ATTEMPTS) {
      LOG.debug("{}: transaction conflict on attempt {}, running it again: {}", what, attempt,
          String.valueOf(Errors.sqlCause(e)));
      backoff(attempt, ctx);
      return;
    }
    if (retryable) {
      throw new StoreException(ErrorKind.UNKNOWN, what + ": transaction conflict persisted after "
          + attempt + " attempts on " + errors.url() + " (" + Errors.sqlCause(e) + ")", e);
    }
    throw errors.map(e, what, ctx);
  }

  private static void backoff(int attempt, Context ctx) {
    long cap = Math.min(200, 2L << Math.min(attempt, 7));
    long ms = ThreadLocalRandom.current().nextLong(1, cap + 1);
    Optional<Duration> remaining = ctx.remaining();
    if (remaining.isPresent()) {
      ms = Math.min(ms, Math.max(0, remaining.get().toMillis()));
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(ErrorKind.UNKNOWN, "interrupted while retrying a write", e);
    }
  }
}
