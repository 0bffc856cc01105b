package dev.ctrstore.spring;

import dev.ctrstore.Store;
import dev.ctrstore.StoreObserver;
import dev.ctrstore.Stores;
import dev.ctrstore.micrometer.MicrometerStoreObserver;
import dev.ctrstore.micrometer.PoolMetrics;
import dev.ctrstore.opentelemetry.OpenTelemetryStoreObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Opens one {@link Store} bean from the application's {@code ctrstore.*} properties and closes it
 * on shutdown. The properties are the keys of {@code ctrstore.properties} ({@code
 * ctrstore.backend}, {@code ctrstore.jdbc.url}, {@code ctrstore.jdbc.pool.maximum-pool-size}, …)
 * and go through {@link Stores#builder()} as they are, so an unknown key fails startup with the
 * message {@code Stores.open()} gives; {@code ctrstore.properties} on the class path, system
 * properties and {@code CTRSTORE_*} environment variables apply as they do there. With no
 * configuration the {@code jdbc} backend is chosen when it is on the class path (an H2 file under
 * {@code ./ctrstore-data}).
 *
 * <p>Backs off when the application defines its own {@code Store} bean. Defines no {@code
 * DataSource} and no {@code Flyway} bean: the store's pool and schema are its own. With a
 * Micrometer {@code MeterRegistry} bean (and {@code ctrstore-micrometer}) the store records
 * {@code ctrstore.*} metrics and its HikariCP pool's {@code hikaricp.*} metrics; with an {@code
 * OpenTelemetry} bean (and {@code ctrstore-opentelemetry}) it makes a span per call; every other
 * {@link StoreObserver} bean sees every call too, and {@link StoreBuilderCustomizer} beans adjust
 * the builder. With Spring Boot's health support, the {@code ctrstore} health indicator reports
 * the store ({@link StoreHealthIndicator}).
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration"})
@ConditionalOnClass(Store.class)
public class CtrstoreAutoConfiguration {
  /** The backend chosen when no source names one and it is on the class path. */
  static final String DEFAULT_BACKEND = "jdbc";

  /** Creates the configuration; Spring does. */
  public CtrstoreAutoConfiguration() {}

  /**
   * The store: opened through {@link Stores#builder()} with the application's {@code
   * ctrstore.*} properties, then observed by every {@link StoreObserver} bean.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(Store.class)
  public Store ctrstore(ConfigurableEnvironment environment,
      ObjectProvider<StoreBuilderCustomizer> customizers, ObjectProvider<StoreObserver> observers) {
    Map<String, String> properties = SpringProperties.read(environment);
    Stores.Builder builder = Stores.builder().defaultBackend(DEFAULT_BACKEND);
    String file = properties.get(Stores.CONFIG);
    if (file != null && !file.isBlank()) {
      builder.propertiesFile(Path.of(file.trim()));
    }
    builder.addPropertiesSupplier(() -> properties);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    Store store = builder.open();
    // Observing an observed store adds to the same wrapper: one wrapper for all the observers,
    // each isolated from the others' failures, and all of them seeing the backend's retries.
    for (StoreObserver observer : observers.orderedStream().toList()) {
      store = store.observedBy(observer);
    }
    return store;
  }

  /** Metrics, when the application has a Micrometer registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, MicrometerStoreObserver.class})
  @ConditionalOnBean(MeterRegistry.class)
  static class Metrics {
    /** {@code ctrstore.operations}, {@code ctrstore.transaction.retries}, … */
    @Bean
    @ConditionalOnMissingBean(MicrometerStoreObserver.class)
    MicrometerStoreObserver ctrstoreMetricsObserver(MeterRegistry registry) {
      return MicrometerStoreObserver.builder(registry).build();
    }

    /** The jdbc backend's HikariCP pool metrics ({@code hikaricp.connections}, …). */
    @Bean
    StoreBuilderCustomizer ctrstorePoolMetrics(MeterRegistry registry) {
      return builder -> PoolMetrics.bind(builder, registry);
    }
  }

  /** Traces, when the application has an OpenTelemetry instance. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({OpenTelemetry.class, OpenTelemetryStoreObserver.class})
  @ConditionalOnBean(OpenTelemetry.class)
  static class Tracing {
    /** One span per call, named {@code ctrstore <operation>}. */
    @Bean
    @ConditionalOnMissingBean(OpenTelemetryStoreObserver.class)
    OpenTelemetryStoreObserver ctrstoreTracingObserver(OpenTelemetry openTelemetry) {
      return OpenTelemetryStoreObserver.create(openTelemetry);
    }
  }

  /** The {@code ctrstore} health indicator, with Spring Boot's health support. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("ctrstore")
  static class Health {
    /** Named {@code ctrstore} in {@code /actuator/health}. */
    @Bean
    @ConditionalOnMissingBean(name = "ctrstoreHealthIndicator")
    StoreHealthIndicator ctrstoreHealthIndicator(Store store) {
      return new StoreHealthIndicator(store);
    }
  }
}
