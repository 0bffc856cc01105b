package dev.ctrstore.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.micrometer.MicrometerStoreObserver;
import dev.ctrstore.opentelemetry.OpenTelemetryStoreObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link CtrstoreAutoConfiguration}, one condition at a time. */
class CtrstoreAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CtrstoreAutoConfiguration.class));

  private static Container container(String id) {
    return Container.builder().id(id).runtime("io.containerd.runc.v2").spec(Any.getDefaultInstance())
        .build();
  }

  private static String h2(String name) {
    return "ctrstore.jdbc.url=jdbc:h2:mem:" + name;
  }

  @Configuration(proxyBeanMethods = false)
  static class WithMeterRegistry {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class WithOpenTelemetry {
    @Bean
    InMemorySpanExporter spans() {
      return InMemorySpanExporter.create();
    }

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry(InMemorySpanExporter spans) {
      return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class WithOwnStore {
    @Bean(destroyMethod = "close")
    Store myStore() {
      Properties p = new Properties();
      p.setProperty("ctrstore.backend", "memory");
      return Stores.open(p);
    }
  }

  @Test
  void opensTheConfiguredBackend() {
    runner.withPropertyValues("ctrstore.backend=memory").run(context -> {
      Store store = context.getBean(Store.class);
      assertEquals("memory", store.info().backend());
      store.create(Context.withNamespace("ns"), container("a"));
      assertEquals("a", store.get(Context.withNamespace("ns"), "a").id());
    });
  }

  @Test
  void withNoBackendNamedTheJdbcOneIsChosen() {
    runner.withPropertyValues(h2("default-backend")).run(context -> {
      Store store = context.getBean(Store.class);
      assertEquals("jdbc", store.info().backend());
      assertEquals("h2database", store.info().system());
    });
  }

  @Test
  void poolSettingsBindRelaxedAndThePoolPublishesItsMetrics() {
    runner.withUserConfiguration(WithMeterRegistry.class)
        .withPropertyValues("ctrstore.backend=jdbc", h2("relaxed"),
            "ctrstore.jdbc.pool.maximum-pool-size=3", "ctrstore.jdbc.pool.poolName=relaxed-pool")
        .run(context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertEquals(3.0, registry.get("hikaricp.connections.max").tag("pool", "relaxed-pool")
              .gauge().value());
        });
  }

  @Test
  void aMisspeltKeyFailsStartupWithTheMessageOfStoresOpen() {
    Properties p = new Properties();
    p.setProperty("ctrstore.jdbc.ulr", "jdbc:h2:mem:typo");
    String expected = assertThrows(InvalidArgumentException.class, () -> Stores.open(p)).getMessage();
    runner.withPropertyValues("ctrstore.jdbc.ulr=jdbc:h2:mem:typo").run(context -> {
      Throwable failure = context.getStartupFailure();
      assertNotNull(failure, "startup failed");
      Throwable root = failure;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      InvalidArgumentException e = assertInstanceOf(InvalidArgumentException.class, root);
      assertEquals(expected, e.getMessage());
      assertTrue(expected.startsWith("unknown configuration key \"ctrstore.jdbc.ulr\""), expected);
    });
  }

  @Test
  void backsOffWhenTheApplicationHasItsOwnStore() {
    runner.withUserConfiguration(WithOwnStore.class).withPropertyValues("ctrstore.jdbc.ulr=ignored")
        .run(context -> {
          assertEquals(List.of("myStore"), List.of(context.getBeanNamesForType(Store.class)));
          assertSame(context.getBean("myStore"), context.getBean(Store.class));
          assertEquals(Status.UP, context.getBean("ctrstoreHealthIndicator", HealthIndicator.class)
              .health().getStatus());
        });
  }

  @Test
  void definesNoDataSourceAndNoFlywayBean() {
    runner.withPropertyValues(h2("no-datasource")).run(context -> {
      assertEquals(0, context.getBeanNamesForType(javax.sql.DataSource.class).length);
      assertEquals(0, context.getBeanNamesForType(org.flywaydb.core.Flyway.class).length);
    });
  }

  @Test
  void closesTheStoreOnShutdown() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    runner.withBean(MeterRegistry.class, () -> registry)
        .withPropertyValues(h2("closed"), "ctrstore.jdbc.pool.pool-name=closed-pool")
        .run(context -> assertNotNull(registry.find("hikaricp.connections")
            .tag("pool", "closed-pool").gauge()));
    assertNull(registry.find("hikaricp.connections").tag("pool", "closed-pool").gauge(),
        "the pool was shut down with the context");
  }

  @Test
  void withoutAMeterRegistryNoMetricsAreWired() {
    runner.withPropertyValues("ctrstore.backend=memory").run(context ->
        assertEquals(0, context.getBeanNamesForType(MicrometerStoreObserver.class).length));
    runner.withUserConfiguration(WithMeterRegistry.class)
        .withClassLoader(new FilteredClassLoader(MicrometerStoreObserver.class))
        .withPropertyValues("ctrstore.backend=memory").run(context ->
            assertEquals(0, context.getBeanNamesForType(StoreBuilderCustomizer.class).length));
  }

  @Test
  void withAMeterRegistryEveryCallIsTimed() {
    runner.withUserConfiguration(WithMeterRegistry.class).withPropertyValues("ctrstore.backend=memory")
        .run(context -> {
          Store store = context.getBean(Store.class);
          assertThrows(NotFoundException.class, () -> store.get(Context.withNamespace("ns"), "x"));
          assertEquals(1, context.getBean(MeterRegistry.class).get(MicrometerStoreObserver.OPERATIONS)
              .tags("operation", "get", "backend", "memory", "outcome", "NOT_FOUND").timer().count());
        });
  }

  @Test
  void withoutOpenTelemetryNoSpansAreWired() {
    runner.withPropertyValues("ctrstore.backend=memory").run(context ->
        assertEquals(0, context.getBeanNamesForType(OpenTelemetryStoreObserver.class).length));
    runner.withUserConfiguration(WithOpenTelemetry.class)
        .withClassLoader(new FilteredClassLoader(OpenTelemetryStoreObserver.class))
        .withPropertyValues("ctrstore.backend=memory").run(context ->
            assertEquals(0, context.getBeanNamesForType(dev.ctrstore.StoreObserver.class).length));
  }

  @Test
  void withOpenTelemetryAndMetricsEachCallIsTracedAndTimed() {
    runner.withUserConfiguration(WithOpenTelemetry.class, WithMeterRegistry.class)
        .withPropertyValues("ctrstore.backend=memory").run(context -> {
          Store store = context.getBean(Store.class);
          store.create(Context.withNamespace("ns"), container("a"));
          List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
          assertEquals(List.of("ctrstore create"), spans.stream().map(SpanData::getName).toList());
          assertEquals(1, context.getBean(MeterRegistry.class).get(MicrometerStoreObserver.OPERATIONS)
              .tags("operation", "create", "outcome", "ok").timer().count());
          assertInstanceOf(OpenTelemetry.class, context.getBean(OpenTelemetry.class));
        });
  }

  @Test
  void healthIsUpWithTheBackendAndSchemaVersion() {
    runner.withPropertyValues(h2("health-up")).run(context -> {
      Health health = context.getBean("ctrstoreHealthIndicator", HealthIndicator.class).health();
      assertEquals(Status.UP, health.getStatus());
      assertEquals("jdbc", health.getDetails().get("backend"));
      assertEquals("h2database", health.getDetails().get("system"));
      assertNotNull(health.getDetails().get("schemaVersion"), health.getDetails().toString());
    });
  }

  @Test
  void theHealthIndicatorCanBeDisabled() {
    runner.withPropertyValues("ctrstore.backend=memory", "management.health.ctrstore.enabled=false")
        .run(context -> assertEquals(0, context.getBeanNamesForType(StoreHealthIndicator.class).length));
  }

  @Test
  void aCtrstorePropertiesFileNamedByCtrstoreConfigSitsBelowTheApplicationsProperties(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path file = dir.resolve("ctrstore.properties");
    java.nio.file.Files.writeString(file, "ctrstore.backend=memory\nctrstore.jdbc.url=jdbc:h2:mem:from-file\n");
    runner.withPropertyValues("ctrstore.config=" + file).run(context ->
        assertEquals("memory", context.getBean(Store.class).info().backend()));
    runner.withPropertyValues("ctrstore.config=" + file, "ctrstore.backend=jdbc").run(context ->
        assertEquals("jdbc", context.getBean(Store.class).info().backend()));
  }
}
