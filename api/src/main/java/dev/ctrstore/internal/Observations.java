package dev.ctrstore.internal;

import dev.ctrstore.StoreObserver.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observation of the store call in progress on each thread. Every store operation runs on
 * its caller's thread, so a backend's report made there ({@link
 * dev.ctrstore.spi.StorageEvents#retrying}) reaches the observer of the call that caused it. The
 * observed store sets it; the SPI reports to it; neither needs the other.
 */
public final class Observations {
  private static final Logger LOG = LoggerFactory.getLogger(Observations.class);
  private static final ThreadLocal<@Nullable Observation> CURRENT = new ThreadLocal<>();

  private Observations() {}

  /** Makes {@code observation} this thread's current one; returns the one it replaces. */
  public static @Nullable Observation enter(Observation observation) {
    Observation outer = CURRENT.get();
    CURRENT.set(observation);
    return outer;
  }

  /** Puts back the observation that {@link #enter} replaced. */
  public static void exit(@Nullable Observation outer) {
    CURRENT.set(outer);
  }

  /** Tells the observation in progress on this thread, if any, that its transaction is retried. */
  public static void retrying(Throwable cause) {
    Observation o = CURRENT.get();
    if (o != null) {
      try {
        o.retried(cause);
      } catch (RuntimeException e) {
        LOG.warn("ctrstore observer failed on retried(): {}", e.toString());
      }
    }
  }
}
