package dev.ctrstore.internal;

import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.Event;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.RevisionCompactedException;
import dev.ctrstore.StoreException;
import dev.ctrstore.Watch;
import dev.ctrstore.spi.Storage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Watch} that reads a storage's change log in batches after the last revision it
 * delivered, and waits on the storage between empty reads. Delivering only revisions above the
 * last one delivered is what makes every event arrive once and in order, whatever the storage's
 * batches overlap.
 */
public final class LogWatch implements Watch {
  /** Events read per call to the storage. */
  public static final int BATCH = 256;

  private final Storage storage;
  private final Context ctx;
  private final String namespace;
  private final ArrayDeque<Event> buffer = new ArrayDeque<>();
  private long last;
  private volatile boolean closed;
  private @Nullable WatchPublisher publisher;

  /** A watch after {@code afterRevision}, holding {@code first}, the storage's first batch. */
  public LogWatch(Storage storage, Context ctx, String namespace, long afterRevision,
      List<Event> first) {
    this.storage = storage;
    // Deadlines bound calls, not a watch that lives as long as its consumer wants.
    this.ctx = Context.withNamespace(namespace);
    this.namespace = namespace;
    this.last = afterRevision;
    take(first);
  }

  @Override
  public synchronized @Nullable Event poll(Duration timeout) {
    if (closed) {
      throw new FailedPreconditionException("watch namespace \"" + namespace + "\": closed");
    }
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    while (buffer.isEmpty()) {
      Storage.Events batch = read();
      if (last < batch.compactedThrough()) {
        throw new RevisionCompactedException(namespace, last, batch.compactedThrough());
      }
      take(batch.events());
      long left = deadline - System.nanoTime();
      if (!buffer.isEmpty() || left <= 0 || closed) {
        break;
      }
      try {
        storage.awaitEvents(namespace, last, Duration.ofNanos(left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return buffer.poll();
  }

  @Override
  public synchronized Flow.Publisher<Event> publisher() {
    if (publisher == null) {
      publisher = new WatchPublisher(this);
    }
    return publisher;
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }

  private Storage.Events read() {
    try {
      return storage.events(ctx, namespace, last, BATCH);
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreException(ErrorKind.UNKNOWN,
          "watch namespace \"" + namespace + "\": storage failure: " + e, e);
    }
  }

  private void take(List<Event> events) {
    for (Event e : events) {
      if (e.revision() > last) {
        buffer.add(e);
        last = e.revision();
      }
    }
  }
}
