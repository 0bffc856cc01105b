/**
 * Micrometer metrics for ctrstore: {@link dev.ctrstore.micrometer.MicrometerStoreObserver}
 * records a timer per operation, retry and conflict counters and the sizes of list results.
 * Attach it with {@code store.observedBy(MicrometerStoreObserver.builder(registry).build())};
 * {@link dev.ctrstore.micrometer.PoolMetrics} adds the jdbc backend's HikariCP pool metrics.
 */
@NullMarked
package dev.ctrstore.micrometer;

import org.jspecify.annotations.NullMarked;
