package dev.ctrstore.testing;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.Storage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Storage} that passes everything to another one, except that it can fail a write
 * transaction on purpose: {@link #failAfterCall(int)} makes the next write transaction throw
 * {@link InjectedFault} right after its k-th call on the {@link Storage.Writer} has been carried
 * out by the wrapped storage. The wrapped storage then holds that call's effect inside an open
 * transaction, and must discard it: a test checks afterwards that nothing of the transaction is
 * visible. {@link #setHook} runs code after every writer call (to pause a transaction, e.g.
 * until a deadline has passed). Thread-safe; reads and closing pass straight through.
 */
public final class FaultInjectingStorage implements Storage {
  /** Runs after each call on a writer of this storage, on the writing thread. */
  @FunctionalInterface
  public interface Hook {
    /**
     * Called after the {@code index}-th (1-based) call of a write transaction's work, named
     * {@code operation} (the {@link Storage.Writer} method: {@code get}, {@code getForUpdate},
     * {@code insert}, {@code replace}, {@code delete}, {@code append}, …). May block or throw.
     */
    void afterCall(Context ctx, String namespace, String operation, int index);
  }

  private final Storage delegate;
  private final AtomicInteger failAfter = new AtomicInteger();
  private final AtomicInteger lastCalls = new AtomicInteger();
  private volatile @Nullable Hook hook;

  /** Wraps {@code delegate}; no fault is armed. Closing this storage closes the delegate. */
  public FaultInjectingStorage(Storage delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Arms one fault: the next write transaction (on any thread, in any namespace) throws {@link
   * InjectedFault} after its {@code k}-th writer call, in every run of its work if the wrapped
   * storage retries it. Then the fault is disarmed.
   */
  public void failAfterCall(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
    failAfter.set(k);
  }

  /** Disarms a fault that has not fired yet. */
  public void disarm() {
    failAfter.set(0);
  }

  /** How many writer calls the last run of write work made (to know every k to try). */
  public int lastWriteCalls() {
    return lastCalls.get();
  }

  /** Sets (or, with null, removes) the code run after every writer call. */
  public void setHook(@Nullable Hook hook) {
    this.hook = hook;
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public <T extends @Nullable Object> T read(Context ctx, String namespace, ReadWork<T> work) {
    return delegate.read(ctx, namespace, work);
  }

  @Override
  public <T extends @Nullable Object> T write(Context ctx, String namespace, WriteWork<T> work) {
    int k = failAfter.getAndSet(0);
    return delegate.write(ctx, namespace, w -> {
      Counting counting = new Counting(w, ctx, namespace, k);
      try {
        return work.run(counting);
      } finally {
        lastCalls.set(counting.calls);
      }
    });
  }

  @Override
  public @Nullable Container get(Context ctx, String namespace, String id) {
    return delegate.get(ctx, namespace, id);
  }

  @Override
  public Stream<Container> stream(Context ctx, String namespace, Filter filter) {
    return delegate.stream(ctx, namespace, filter);
  }

  @Override
  public Events events(Context ctx, String namespace, long afterRevision, int limit) {
    return delegate.events(ctx, namespace, afterRevision, limit);
  }

  @Override
  public void awaitEvents(String namespace, long afterRevision, Duration timeout)
      throws InterruptedException {
    delegate.awaitEvents(namespace, afterRevision, timeout);
  }

  @Override
  public List<String> namespaces(Context ctx) {
    return delegate.namespaces(ctx);
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** Thrown on purpose inside a write transaction. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(String message) {
      super(message);
    }
  }

  private final class Counting implements Writer {
    private final Writer w;
    private final Context ctx;
    private final String namespace;
    private final int failAt;
    private int calls;

    Counting(Writer w, Context ctx, String namespace, int failAt) {
      this.w = w;
      this.ctx = ctx;
      this.namespace = namespace;
      this.failAt = failAt;
    }

    private <R extends @Nullable Object> R after(String operation, R result) {
      calls++;
      Hook h = hook;
      if (h != null) {
        h.afterCall(ctx, namespace, operation, calls);
      }
      if (calls == failAt) {
        throw new InjectedFault("injected fault after call " + calls + " (" + operation
            + ") of a write transaction in namespace " + namespace);
      }
      return result;
    }

    @Override
    public @Nullable Container get(String id) {
      return after("get", w.get(id));
    }

    @Override
    public List<Container> candidates(Filter filter) {
      return after("candidates", w.candidates(filter));
    }

    @Override
    public List<Container> candidatesAfter(Filter filter, String afterId, int limit) {
      return after("candidatesAfter", w.candidatesAfter(filter, afterId, limit));
    }

    @Override
    public long revision() {
      return after("revision", w.revision());
    }

    @Override
    public @Nullable Container getForUpdate(String id) {
      return after("getForUpdate", w.getForUpdate(id));
    }

    @Override
    public long nextRevision() {
      return after("nextRevision", w.nextRevision());
    }

    @Override
    public long nextRevisions(int count) {
      return after("nextRevisions", w.nextRevisions(count));
    }

    @Override
    public void giveBackRevisions(int count) {
      w.giveBackRevisions(count);
      after("giveBackRevisions", null);
    }

    @Override
    public void append(Event event) {
      w.append(event);
      after("append", null);
    }

    @Override
    public boolean insert(Container container) {
      return after("insert", w.insert(container));
    }

    @Override
    public void replace(Container previous, Container next) {
      w.replace(previous, next);
      after("replace", null);
    }

    @Override
    public boolean delete(String id) {
      return after("delete", w.delete(id));
    }
  }
}
