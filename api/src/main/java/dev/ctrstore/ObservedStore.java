package dev.ctrstore;

import dev.ctrstore.StoreObserver.Observation;
import dev.ctrstore.StoreObserver.Operation;
import dev.ctrstore.internal.Observations;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Store} that tells a {@link StoreObserver} about every call of the store it wraps
 * ({@link Store#observedBy}). The observation of the call in progress is {@linkplain
 * Observations#enter made current} on the calling thread, so a backend's retries (reported
 * through {@link dev.ctrstore.spi.StorageEvents#retrying}) reach it.
 */
final class ObservedStore implements Store {
  private static final Logger LOG = LoggerFactory.getLogger(ObservedStore.class);

  private final Store store;
  private final StoreObserver observer;
  private final StoreInfo info;

  ObservedStore(Store store, StoreObserver observer) {
    this.store = Objects.requireNonNull(store, "store");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.info = store.info();
  }

  @Override
  public Container get(Context ctx, String id) {
    return observe(Operation.GET, ctx, id, 0, () -> store.get(ctx, id), r -> -1);
  }

  @Override
  public List<Container> list(Context ctx, String... filters) {
    return observe(Operation.LIST, ctx, null, filters.length, () -> store.list(ctx, filters),
        List::size);
  }

  @Override
  public Stream<Container> stream(Context ctx, String... filters) {
    return observe(Operation.STREAM, ctx, null, filters.length, () -> store.stream(ctx, filters),
        r -> -1);
  }

  @Override
  public Container create(Context ctx, Container container) {
    return observe(Operation.CREATE, ctx, container.id(), 0, () -> store.create(ctx, container),
        r -> -1);
  }

  @Override
  public Container update(Context ctx, Container container, String... fieldPaths) {
    return observe(Operation.UPDATE, ctx, container.id(), 0,
        () -> store.update(ctx, container, fieldPaths), r -> -1);
  }

  @Override
  public void delete(Context ctx, String id) {
    observe(Operation.DELETE, ctx, id, 0, () -> {
      store.delete(ctx, id);
      return Boolean.TRUE;
    }, r -> -1);
  }

  @Override
  public long revision(Context ctx) {
    return observe(Operation.REVISION, ctx, null, 0, () -> store.revision(ctx), r -> -1);
  }

  @Override
  public Container updateIf(Context ctx, long expectedRevision, Container container,
      String... fieldPaths) {
    return observe(Operation.UPDATE_IF, ctx, container.id(), 0,
        () -> store.updateIf(ctx, expectedRevision, container, fieldPaths), r -> -1);
  }

  @Override
  public void deleteIf(Context ctx, String id, long expectedRevision) {
    observe(Operation.DELETE_IF, ctx, id, 0, () -> {
      store.deleteIf(ctx, id, expectedRevision);
      return Boolean.TRUE;
    }, r -> -1);
  }

  @Override
  public Watch watch(Context ctx, long afterRevision) {
    return observe(Operation.WATCH, ctx, null, 0, () -> store.watch(ctx, afterRevision), r -> -1);
  }

  @Override
  public Page page(Context ctx, int limit, @Nullable String pageToken, String... filters) {
    return observe(Operation.PAGE, ctx, null, filters.length,
        () -> store.page(ctx, limit, pageToken, filters), p -> p.containers().size());
  }

  @Override
  public StoreInfo info() {
    return info;
  }

  /** Not observed: a listing of namespaces is no call of containerd's store. */
  @Override
  public List<String> namespaces(Context ctx) {
    return store.namespaces(ctx);
  }

  /**
   * One wrapper with both observers rather than a wrapper around this one: the backend reports
   * retries to the innermost wrapper's observation, so a second wrapper's observer would never
   * see them.
   */
  @Override
  public Store observedBy(StoreObserver other) {
    return new ObservedStore(store, new ObserverPair(observer, Objects.requireNonNull(other,
        "observer")));
  }

  /** The store observed (bulk moves write through it, unobserved). */
  Store delegate() {
    return store;
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "observed " + store;
  }

  private interface Counter<T> {
    int count(T result);
  }

  private <T> T observe(Operation op, Context ctx, @Nullable String id, int filterCount,
      Supplier<T> call, Counter<T> counter) {
    String ns = ctx == null || ctx.namespace() == null ? "" : ctx.namespace();
    Observation o = start(op, ns, id, filterCount);
    Observation outer = Observations.enter(o);
    T result;
    try {
      result = call.get();
    } catch (StoreException e) {
      end(o, e);
      throw e;
    } catch (RuntimeException e) {
      end(o, new StoreException(ErrorKind.UNKNOWN, e.toString(), e));
      throw e;
    } finally {
      Observations.exit(outer);
    }
    try {
      o.succeeded(counter.count(result));
    } catch (RuntimeException e) {
      LOG.warn("ctrstore observer failed on succeeded(): {}", e.toString());
    }
    return result;
  }

  private Observation start(Operation op, String ns, @Nullable String id, int filterCount) {
    try {
      return Objects.requireNonNull(observer.start(op, info, ns, id, filterCount), "observation");
    } catch (RuntimeException e) {
      LOG.warn("ctrstore observer failed on start(): {}", e.toString());
      return NOTHING;
    }
  }

  private static void end(Observation o, StoreException e) {
    try {
      o.failed(e);
    } catch (RuntimeException x) {
      LOG.warn("ctrstore observer failed on failed(): {}", x.toString());
    }
  }

  static final Observation NOTHING = new Observation() {
    @Override
    public void succeeded(int resultCount) {}

    @Override
    public void failed(StoreException error) {}
  };
}
