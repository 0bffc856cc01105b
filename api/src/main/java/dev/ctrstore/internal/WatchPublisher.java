package dev.ctrstore.internal;

import dev.ctrstore.Event;
import dev.ctrstore.StoreException;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Flow.Publisher} view of a {@link LogWatch}: one subscriber, served by a daemon
 * thread that polls only while the subscriber has outstanding demand, so a slow subscriber
 * holds the watch back instead of piling events up in memory.
 */
final class WatchPublisher implements Flow.Publisher<Event> {
  private static final Duration POLL = Duration.ofMillis(100);

  private final LogWatch watch;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  WatchPublisher(LogWatch watch) {
    this.watch = watch;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super Event> subscriber) {
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      });
      subscriber.onError(new IllegalStateException("a watch accepts one subscriber"));
      return;
    }
    Delivery d = new Delivery(subscriber);
    Thread t = new Thread(d, "ctrstore-watch-publisher");
    t.setDaemon(true);
    subscriber.onSubscribe(d);
    t.start();
  }

  private final class Delivery implements Flow.Subscription, Runnable {
    private final Flow.Subscriber<? super Event> subscriber;
    private long demand;
    private boolean cancelled;
    private @Nullable Throwable badRequest;

    Delivery(Flow.Subscriber<? super Event> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public synchronized void request(long n) {
      if (n <= 0) {
        badRequest = new IllegalArgumentException("request(" + n + "): must be positive (§3.9)");
      } else {
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      }
      notifyAll();
    }

    @Override
    public synchronized void cancel() {
      cancelled = true;
      watch.close();
      notifyAll();
    }

    @Override
    public void run() {
      try {
        while (true) {
          synchronized (this) {
            while (demand == 0 && !cancelled && badRequest == null && !watch.isClosed()) {
              wait(POLL.toMillis());
            }
            if (cancelled) {
              return;
            }
            if (badRequest != null) {
              watch.close();
              subscriber.onError(badRequest);
              return;
            }
          }
          if (watch.isClosed()) {
            subscriber.onComplete();
            return;
          }
          Event e = watch.poll(POLL);
          if (e != null) {
            synchronized (this) {
              if (cancelled) {
                return;
              }
              demand--;
            }
            subscriber.onNext(e);
          }
        }
      } catch (StoreException e) {
        if (!watch.isClosed()) {
          watch.close();
          subscriber.onError(e);
        } else {
          subscriber.onComplete();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
