package dev.ctrstore.spring;

import dev.ctrstore.StoreException;
import dev.ctrstore.StoreInfo;
import dev.ctrstore.StoreObserver;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Several observers as one. One {@link dev.ctrstore.Store#observedBy} with all of them, rather
 * than one wrapper per observer: a backend's retries reach the observation of the innermost
 * wrapper only, so nested wrappers would leave the outer observers without them.
 */
final class CompositeObserver implements StoreObserver {
  private final List<StoreObserver> observers;

  CompositeObserver(List<StoreObserver> observers) {
    this.observers = List.copyOf(observers);
  }

  @Override
  public Observation start(Operation operation, StoreInfo store, String namespace,
      @Nullable String id, int filterCount) {
    List<Observation> started = new ArrayList<>(observers.size());
    for (StoreObserver o : observers) {
      started.add(o.start(operation, store, namespace, id, filterCount));
    }
    return new Observation() {
      @Override
      public void retried(Throwable cause) {
        started.forEach(o -> o.retried(cause));
      }

      @Override
      public void succeeded(int resultCount) {
        started.forEach(o -> o.succeeded(resultCount));
      }

      @Override
      public void failed(StoreException error) {
        started.forEach(o -> o.failed(error));
      }
    };
  }
}
