package dev.ctrstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import dev.ctrstore.spi.StorageEvents;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ObservedStoreTest {
  private final List<String> seen = new ArrayList<>();

  /** A store whose get retries once, then answers or fails as the id says. */
  private final Store base = new Store() {
    @Override
    public Container get(Context ctx, String id) {
      StorageEvents.retrying(new IllegalStateException("deadlock"));
      if (id.equals("missing")) {
        throw new NotFoundException("no " + id);
      }
      return Container.builder().id(id).runtime("io.containerd.runc.v2")
          .spec(Any.getDefaultInstance()).build();
    }

    @Override
    public List<Container> list(Context ctx, String... filters) {
      return List.of();
    }

    @Override
    public Container create(Context ctx, Container container) {
      return container;
    }

    @Override
    public Container update(Context ctx, Container container, String... fieldPaths) {
      return container;
    }

    @Override
    public void delete(Context ctx, String id) {}

    @Override
    public void close() {}
  };

  private StoreObserver recording(String name) {
    return (op, info, ns, id, filters) -> {
      seen.add(name + " start " + op.tagValue() + " " + ns + "/" + id);
      return new StoreObserver.Observation() {
        @Override
        public void retried(Throwable cause) {
          seen.add(name + " retried " + cause.getMessage());
        }

        @Override
        public void succeeded(int resultCount) {
          seen.add(name + " ok");
        }

        @Override
        public void failed(StoreException error) {
          seen.add(name + " " + error.kind());
        }
      };
    };
  }

  @Test
  void aSecondObserverJoinsTheSameWrapperSoBothSeeTheRetries() {
    Store observed = base.observedBy(recording("metrics")).observedBy(recording("tracing"));
    assertSame(base, ((ObservedStore) observed).delegate(), "one wrapper, not two");

    observed.get(Context.withNamespace("ns"), "a");
    assertEquals(List.of("tracing start get ns/a", "metrics start get ns/a",
        "metrics retried deadlock", "tracing retried deadlock", "metrics ok", "tracing ok"), seen);

    seen.clear();
    assertThrows(NotFoundException.class,
        () -> observed.get(Context.withNamespace("ns"), "missing"));
    assertEquals(List.of("tracing start get ns/missing", "metrics start get ns/missing",
        "metrics retried deadlock", "tracing retried deadlock", "metrics NOT_FOUND",
        "tracing NOT_FOUND"), seen);
  }

  @Test
  void anObserverThatThrowsNeitherFailsTheCallNorHidesItFromTheOther() {
    StoreObserver broken = new StoreObserver() {
      @Override
      public Observation start(Operation operation, StoreInfo store, String namespace,
          @Nullable String id, int filterCount) {
        throw new IllegalStateException("broken observer");
      }
    };
    Store observed = base.observedBy(broken).observedBy(recording("tracing"));
    assertEquals("a", observed.get(Context.withNamespace("ns"), "a").id());
    assertEquals(List.of("tracing start get ns/a", "tracing retried deadlock", "tracing ok"), seen);

    seen.clear();
    Store otherWay = base.observedBy(recording("metrics")).observedBy(broken);
    assertEquals("a", otherWay.get(Context.withNamespace("ns"), "a").id());
    assertEquals(List.of("metrics start get ns/a", "metrics retried deadlock", "metrics ok"), seen);
  }
}
