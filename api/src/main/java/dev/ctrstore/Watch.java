package dev.ctrstore;

import java.time.Duration;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A cursor over the changes of one namespace, opened by {@link Store#watch}: every committed
 * change with a revision above the one the watch started after, in revision order, each exactly
 * once, including changes committed by other processes on the same database. To resume after
 * {@link #close()}, open a new watch after the revision of the last event seen.
 *
 * <p>One consumer at a time: {@link #poll} is thread-safe but the events are shared, not copied,
 * between concurrent callers. Use in try-with-resources.
 */
public interface Watch extends AutoCloseable {

  /**
   * The next event, waiting up to {@code timeout} for one; null when none arrived in time (or the
   * calling thread was interrupted, whose interrupt status is then kept).
   *
   * @throws RevisionCompactedException when the backend discarded events this watch had not yet
   *     delivered; list again and watch anew
   * @throws FailedPreconditionException when the watch is closed
   */
  @Nullable Event poll(Duration timeout);

  /**
   * This watch as a reactive-streams publisher: the one subscriber it accepts gets the events in
   * order as demand allows, {@code onError} with a {@link StoreException} (such as {@link
   * RevisionCompactedException}) when polling fails, and {@code onComplete} when the watch is
   * closed. Events flow from a thread of the watch's own; cancelling the subscription closes the
   * watch. A second subscriber gets {@code onError} with an {@link IllegalStateException}.
   */
  Flow.Publisher<Event> publisher();

  /** Stops the watch and releases what it holds; idempotent. */
  @Override
  void close();
}
