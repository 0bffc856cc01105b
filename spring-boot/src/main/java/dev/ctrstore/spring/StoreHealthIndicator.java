package dev.ctrstore.spring;

import dev.ctrstore.Context;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import dev.ctrstore.StoreInfo;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The store's health, {@code ctrstore} in {@code /actuator/health}: a point read of an id no
 * container has ({@value #PROBE_ID} in namespace {@value #PROBE_NAMESPACE}), bounded by a
 * deadline of {@link #DEFAULT_TIMEOUT}. UP when the store answers (found or not found), DOWN
 * with the error's kind and message otherwise (an unreachable database is {@code UNAVAILABLE},
 * a hung one {@code DEADLINE_EXCEEDED}). Details either way: {@code backend}, {@code system},
 * {@code database}, {@code location} (passwords masked) and {@code schemaVersion} from {@link
 * Store#info()}.
 */
public final class StoreHealthIndicator implements HealthIndicator {
  /** The namespace of the probe read. */
  public static final String PROBE_NAMESPACE = "ctrstore-health";
  /** The id the probe reads. */
  public static final String PROBE_ID = "ctrstore-health-probe";
  /** How long the probe may take before the store counts as DOWN. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final Store store;
  private final Duration timeout;

  /** An indicator of {@code store} with the default timeout. */
  public StoreHealthIndicator(Store store) {
    this(store, DEFAULT_TIMEOUT);
  }

  /** An indicator of {@code store} whose probe may take up to {@code timeout}. */
  public StoreHealthIndicator(Store store, Duration timeout) {
    this.store = Objects.requireNonNull(store, "store");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Health health() {
    StoreInfo info = store.info();
    Health.Builder health;
    try {
      store.get(Context.withNamespace(PROBE_NAMESPACE).withTimeout(timeout), PROBE_ID);
      health = Health.up();
    } catch (NotFoundException expected) {
      health = Health.up();
    } catch (StoreException e) {
      health = Health.down().withDetail("error", e.kind().name() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      health = Health.down(e);
    }
    health.withDetail("backend", info.backend())
        .withDetail("system", info.system())
        .withDetail("database", info.database())
        .withDetail("location", info.location());
    String schema = info.schemaVersion();
    if (schema != null) {
      health.withDetail("schemaVersion", schema);
    }
    return health.build();
  }
}
