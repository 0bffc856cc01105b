package dev.ctrstore.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.AbortedException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.StoreInfo;
import dev.ctrstore.StoreObserver.Operation;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.StorageEvents;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicrometerStoreObserverTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Store memory = open();
  private final String backend = memory.info().backend();
  private final Store store = metered(memory, registry);

  private static Store metered(Store store, MeterRegistry meterRegistry) {
    // tag::metrics[]
    Store metered = store.observedBy(MicrometerStoreObserver.builder(meterRegistry)
        .namespaceTagLimit(2)   // namespaces past the first two are tagged "_other"
        .build());
    // end::metrics[]
    return metered;
  }

  private static Store open() {
    Properties p = new Properties();
    p.setProperty("ctrstore.backend", "memory");
    return Stores.open(p);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Container container(String id, String env) {
    return Container.builder().id(id).runtime("io.containerd.runc.v2").spec(Any.getDefaultInstance())
        .label("env", env).build();
  }

  private Timer timer(String op, String ns, String outcome) {
    return registry.find(MicrometerStoreObserver.OPERATIONS)
        .tags("operation", op, "backend", backend, "namespace", ns, "outcome", outcome).timer();
  }

  @Test
  void timesEveryOperationWithItsOutcome() {
    Context ctx = Context.withNamespace("ns1");
    store.create(ctx, container("a", "prod"));
    store.create(ctx, container("b", "dev"));
    store.get(ctx, "a");
    assertThrows(NotFoundException.class, () -> store.get(ctx, "zz"));
    store.update(ctx, container("a", "qa"), "labels.env");
    store.delete(ctx, "b");

    assertEquals(2, timer("create", "ns1", "ok").count());
    assertEquals(1, timer("get", "ns1", "ok").count());
    assertEquals(1, timer("get", "ns1", "NOT_FOUND").count());
    assertEquals(1, timer("update", "ns1", "ok").count());
    assertEquals(1, timer("delete", "ns1", "ok").count());
    assertTrue(timer("create", "ns1", "ok").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
  }

  @Test
  void recordsListSizes() {
    Context ctx = Context.withNamespace("ns1");
    store.create(ctx, container("a", "prod"));
    store.create(ctx, container("b", "prod"));
    store.create(ctx, container("c", "dev"));
    assertEquals(2, store.list(ctx, "labels.env==prod").size());
    assertEquals(3, store.list(ctx).size());

    DistributionSummary sizes = registry.find(MicrometerStoreObserver.RESULTS)
        .tags("operation", "list", "namespace", "ns1").summary();
    assertNotNull(sizes);
    assertEquals(2, sizes.count());
    assertEquals(5.0, sizes.totalAmount());
    assertEquals(3.0, sizes.max());
    assertEquals("containers", sizes.getId().getBaseUnit());
  }

  @Test
  void boundsTheNamespaceTag() {
    for (String ns : new String[] {"n1", "n2", "n3", "n4"}) {
      store.list(Context.withNamespace(ns));
    }
    assertNotNull(timer("list", "n1", "ok"));
    assertNotNull(timer("list", "n2", "ok"));
    assertNull(timer("list", "n3", "ok"));
    assertEquals(2, timer("list", MicrometerStoreObserver.OTHER_NAMESPACE, "ok").count());
  }

  @Test
  void aCallWithoutNamespaceIsRecordedWithItsKind() {
    assertThrows(RuntimeException.class, () -> store.list(Context.empty()));
    assertEquals(1, timer("list", "", "FAILED_PRECONDITION").count());
  }

  @Test
  void countsRetriesAndConflictsThatOutlivedThem() {
    // The observer itself, driven as a backend drives it: two retries, then ABORTED.
    MicrometerStoreObserver observer = MicrometerStoreObserver.builder(registry).build();
    var o = observer.start(Operation.UPDATE, StoreInfo.of("jdbc", "mariadb", "ctr", "", "3"), "ns", "a", 0);
    o.retried(new RuntimeException("deadlock"));
    o.retried(new RuntimeException("deadlock"));
    o.failed(new AbortedException("conflict persisted"));
    var ok = observer.start(Operation.UPDATE, StoreInfo.of("jdbc", "mariadb", "ctr", "", "3"), "ns", "a", 0);
    ok.retried(new RuntimeException("deadlock"));
    ok.succeeded(-1);
    // A failed conditional write is ABORTED without any retry: not a conflict of transactions.
    var cond = observer.start(Operation.UPDATE_IF, StoreInfo.of("jdbc", "mariadb", "ctr", "", "3"), "ns", "a", 0);
    cond.failed(new AbortedException("revision 3 expected, 4 found"));

    assertEquals(3.0, registry.find(MicrometerStoreObserver.RETRIES)
        .tags("operation", "update", "backend", "jdbc").counter().count());
    assertEquals(1.0, registry.find(MicrometerStoreObserver.CONFLICTS)
        .tags("operation", "update").counter().count());
    assertNull(registry.find(MicrometerStoreObserver.CONFLICTS).tags("operation", "update_if").counter());
  }

  @Test
  void retriesReportedByAStorageReachTheCallOnTheSameThread() {
    Store reporting = new Store() {
      @Override public Container get(Context ctx, String id) {
        StorageEvents.retrying(new RuntimeException("serialization failure"));
        return container(id, "x");
      }
      @Override public java.util.List<Container> list(Context ctx, String... filters) {
        return java.util.List.of();
      }
      @Override public Container create(Context ctx, Container c) { return c; }
      @Override public Container update(Context ctx, Container c, String... paths) { return c; }
      @Override public void delete(Context ctx, String id) {}
      @Override public void close() {}
    };
    Store observed = reporting.observedBy(MicrometerStoreObserver.builder(registry).build());
    observed.get(Context.withNamespace("ns"), "a");
    StorageEvents.retrying(new RuntimeException("outside any call: ignored"));
    assertEquals(1.0, registry.find(MicrometerStoreObserver.RETRIES)
        .tags("operation", "get", "backend", "unknown").counter().count());
  }

  @Test
  void aLimitOfZeroTagsEveryNamespaceOther() {
    MicrometerStoreObserver observer = MicrometerStoreObserver.builder(registry)
        .namespaceTagLimit(0).build();
    StoreInfo info = StoreInfo.of("jdbc", "h2database", "ctr", "", "4");
    observer.start(Operation.GET, info, "team-a", "x", 0).succeeded(-1);
    observer.start(Operation.GET, info, "team-b", "x", 0).succeeded(-1);
    observer.start(Operation.GET, info, "", "x", 0).succeeded(-1);
    assertEquals(2, registry.find(MicrometerStoreObserver.OPERATIONS)
        .tags("backend", "jdbc", "namespace", MicrometerStoreObserver.OTHER_NAMESPACE).timer()
        .count());
    assertEquals(1, registry.find(MicrometerStoreObserver.OPERATIONS)
        .tags("backend", "jdbc", "namespace", "").timer().count());
    assertNull(registry.find(MicrometerStoreObserver.OPERATIONS).tags("namespace", "team-a")
        .timer());
  }

  @Test
  void oneObserverOfTwoStoresKeepsTheirBackendsAndNamespacesApart() {
    // The observer keeps the meters of the last (backend, namespace) at hand: alternating
    // between two must never record one's call under the other's tags.
    MicrometerStoreObserver observer = MicrometerStoreObserver.builder(registry).build();
    StoreInfo jdbc = StoreInfo.of("jdbc", "h2database", "ctr", "", "4");
    StoreInfo mem = StoreInfo.of("memory", "memory", "", "", null);
    for (int i = 0; i < 3; i++) {
      observer.start(Operation.GET, jdbc, "a", "x", 0).succeeded(-1);
      observer.start(Operation.GET, mem, "a", "x", 0).succeeded(-1);
      observer.start(Operation.GET, jdbc, "b", "x", 0)
          .failed(new NotFoundException("container x not found"));
    }
    assertEquals(3, registry.find(MicrometerStoreObserver.OPERATIONS)
        .tags("backend", "jdbc", "namespace", "a", "outcome", "ok").timer().count());
    assertEquals(3, registry.find(MicrometerStoreObserver.OPERATIONS)
        .tags("backend", "memory", "namespace", "a", "outcome", "ok").timer().count());
    assertEquals(3, registry.find(MicrometerStoreObserver.OPERATIONS)
        .tags("backend", "jdbc", "namespace", "b", "outcome", "NOT_FOUND").timer().count());
    assertEquals(3, registry.find(MicrometerStoreObserver.OPERATIONS).timers().size());
  }
}
