package dev.ctrstore;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two observers of one {@link ObservedStore}: {@code store.observedBy(a).observedBy(b)} makes
 * one wrapper rather than two, so a backend's retries, reported to the innermost wrapper's
 * observation only, reach both, and a call pays for one wrapper. As with nested wrappers,
 * {@code outer} starts first and ends last. A failure of one observer does not keep the other
 * from seeing the call.
 */
final class ObserverPair implements StoreObserver {
  private static final Logger LOG = LoggerFactory.getLogger(ObserverPair.class);

  private final StoreObserver inner;
  private final StoreObserver outer;

  ObserverPair(StoreObserver inner, StoreObserver outer) {
    this.inner = inner;
    this.outer = outer;
  }

  @Override
  public Observation start(Operation operation, StoreInfo store, String namespace,
      @Nullable String id, int filterCount) {
    Observation o = start(outer, operation, store, namespace, id, filterCount);
    Observation i = start(inner, operation, store, namespace, id, filterCount);
    return new Observation() {
      @Override
      public void retried(Throwable cause) {
        try {
          i.retried(cause);
        } finally {
          o.retried(cause);
        }
      }

      @Override
      public void succeeded(int resultCount) {
        try {
          i.succeeded(resultCount);
        } finally {
          o.succeeded(resultCount);
        }
      }

      @Override
      public void failed(StoreException error) {
        try {
          i.failed(error);
        } finally {
          o.failed(error);
        }
      }
    };
  }

  private static Observation start(StoreObserver observer, Operation operation, StoreInfo store,
      String namespace, @Nullable String id, int filterCount) {
    try {
      Observation o = observer.start(operation, store, namespace, id, filterCount);
      return o == null ? ObservedStore.NOTHING : o;
    } catch (RuntimeException e) {
      LOG.warn("ctrstore observer failed on start(): {}", e.toString());
      return ObservedStore.NOTHING;
    }
  }
}
