package dev.ctrstore.micrometer;

import dev.ctrstore.Stores;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The connection pool's own metrics for a store of the {@code jdbc} backend, published by
 * HikariCP's Micrometer tracker: {@code hikaricp.connections}, {@code
 * hikaricp.connections.active}, {@code .idle}, {@code .pending}, {@code .min}, {@code .max},
 * {@code .timeout} (counter), {@code .acquire}, {@code .usage}, {@code .creation} (timers), each
 * tagged {@code pool} with the pool name ({@code ctrstore-1}, … unless {@code
 * ctrstore.jdbc.pool.poolName} sets it). They are removed when the store closes.
 *
 * <p>The registry reaches the pool as the object-valued setting {@value #OPTION} ({@link
 * Stores.Builder#option}), so neither HikariCP nor Micrometer appears in the jdbc backend's API.
 */
public final class PoolMetrics {
  /** The jdbc backend's setting the registry is given as. */
  public static final String OPTION = "ctrstore.jdbc.pool.metricRegistry";

  private PoolMetrics() {}

  /**
   * Has the store {@code builder} opens publish its pool's metrics in {@code registry} when the
   * {@code jdbc} backend is on the class path (other backends have no pool; then the builder is
   * left as it is).
   *
   * @return {@code builder}
   */
  public static Stores.Builder bind(Stores.Builder builder, MeterRegistry registry) {
    if (Stores.available().contains("jdbc")) {
      builder.option(OPTION, registry);
    }
    return builder;
  }
}
