package dev.ctrstore.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.AbortedException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.jdbc.JdbcStoreProvider;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the jdbc backend reports: its pool's own metrics, and the retries of its writes. */
class JdbcMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static Properties h2(String name) {
    Properties p = new Properties();
    p.setProperty("ctrstore.backend", "jdbc");
    p.setProperty("ctrstore.jdbc.url", "jdbc:h2:mem:" + name);
    p.setProperty("ctrstore.jdbc.pool.poolName", name);
    return p;
  }

  private static Container container(String id) {
    return Container.builder().id(id).runtime("io.containerd.runc.v2").spec(Any.getDefaultInstance())
        .build();
  }

  @Test
  void theOptionIsTheJdbcBackendsSetting() {
    assertEquals(JdbcStoreProvider.METRIC_REGISTRY, PoolMetrics.OPTION);
  }

  private static Store meteredWithPool(Properties properties, MeterRegistry meterRegistry) {
    // tag::pool-metrics[]
    Store store = PoolMetrics.bind(Stores.builder().properties(properties), meterRegistry).open()
        .observedBy(MicrometerStoreObserver.builder(meterRegistry).build());
    // end::pool-metrics[]
    return store;
  }

  @Test
  void thePoolPublishesItsConnectionGaugesUntilTheStoreCloses() {
    Store store = meteredWithPool(h2("pool-metrics"), registry);
    try {
      store.create(Context.withNamespace("ns"), container("a"));
      Gauge total = registry.find("hikaricp.connections").tag("pool", "pool-metrics").gauge();
      assertNotNull(total, "hikaricp.connections: " + registry.getMetersAsString());
      assertTrue(total.value() >= 1, "connections open: " + total.value());
      assertNotNull(registry.find("hikaricp.connections.active").tag("pool", "pool-metrics").gauge());
      assertNotNull(registry.find("hikaricp.connections.max").tag("pool", "pool-metrics").gauge());
      assertTrue(registry.find("hikaricp.connections.acquire").tag("pool", "pool-metrics").timer()
          .count() >= 1, "connection acquisitions timed");
    } finally {
      store.close();
    }
    assertNull(registry.find("hikaricp.connections").tag("pool", "pool-metrics").gauge(),
        "removed with the pool");
  }

  @Test
  void aRegistryOfAnotherKindFailsTheOpenNamingTheSetting() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Stores.builder()
        .properties(h2("not-a-registry")).option(PoolMetrics.OPTION, "registry").open());
    assertTrue(e.getMessage().startsWith(PoolMetrics.OPTION), e.getMessage());
  }

  @Test
  void anObjectUnderAKeyNoBackendDeclaresFailsLikeAnUnknownKey() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Stores.builder()
        .properties(h2("unknown-option")).option("ctrstore.jdbc.metricRegistry", registry).open());
    assertTrue(e.getMessage().startsWith("unknown configuration key \"ctrstore.jdbc.metricRegistry\""),
        e.getMessage());
  }

  /** A deadlock as the driver reports it: rolled back, retryable. */
  private static RuntimeException deadlock() {
    return new RuntimeException(new SQLException("Deadlock found when trying to get lock", "40001", 1213));
  }

  /**
   * The jdbc backend's storage whose write transactions meet a deadlock the first {@code
   * conflicts} times they run: the backend's own retry loop runs them again.
   */
  private static Store conflicting(String name, int conflicts) {
    Storage jdbc = new JdbcStoreProvider().open(StoreConfig.of(Map.of(
        JdbcStoreProvider.URL, "jdbc:h2:mem:" + name)));
    AtomicInteger left = new AtomicInteger(conflicts);
    Storage storage = new Storage() {
      @Override public dev.ctrstore.StoreInfo info() {
        return jdbc.info();
      }
      @Override public java.util.Set<Capability> capabilities() {
        return jdbc.capabilities();
      }
      @Override public <T> T read(Context ctx, String namespace, ReadWork<T> work) {
        return jdbc.read(ctx, namespace, work);
      }
      @Override public <T> T write(Context ctx, String namespace, WriteWork<T> work) {
        return jdbc.write(ctx, namespace, w -> {
          if (left.getAndDecrement() > 0) {
            throw deadlock();
          }
          return work.run(w);
        });
      }
      @Override public void close() {
        jdbc.close();
      }
    };
    return Stores.over(storage);
  }

  @Test
  void aRetriedWriteIsCountedAndSucceeds() {
    try (Store store = conflicting("retried", 2)
        .observedBy(MicrometerStoreObserver.builder(registry).build())) {
      store.create(Context.withNamespace("ns"), container("a"));
      assertEquals("a", store.get(Context.withNamespace("ns"), "a").id());
      Counter retries = registry.find(MicrometerStoreObserver.RETRIES)
          .tags("operation", "create").counter();
      assertNotNull(retries, registry.getMetersAsString());
      assertEquals(2.0, retries.count());
      assertNull(registry.find(MicrometerStoreObserver.CONFLICTS).counter());
      assertEquals(1, registry.find(MicrometerStoreObserver.OPERATIONS)
          .tags("operation", "create", "outcome", "ok").timer().count());
    }
  }

  @Test
  void aConflictThatOutlivesTheRetriesIsCountedOnce() {
    try (Store store = conflicting("conflict", Integer.MAX_VALUE)
        .observedBy(MicrometerStoreObserver.builder(registry).build())) {
      AbortedException e = assertThrows(AbortedException.class,
          () -> store.create(Context.withNamespace("ns"), container("a")));
      assertInstanceOf(SQLException.class, e.getCause().getCause());
      double retries = registry.find(MicrometerStoreObserver.RETRIES)
          .tags("operation", "create").counter().count();
      assertTrue(retries >= 1, "retried before giving up: " + retries);
      assertEquals(1.0, registry.find(MicrometerStoreObserver.CONFLICTS)
          .tags("operation", "create").counter().count());
      assertEquals(1, registry.find(MicrometerStoreObserver.OPERATIONS)
          .tags("operation", "create", "outcome", "ABORTED").timer().count());
    }
  }
}
