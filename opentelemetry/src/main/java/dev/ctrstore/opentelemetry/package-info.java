/**
 * OpenTelemetry tracing for ctrstore: {@link
 * dev.ctrstore.opentelemetry.OpenTelemetryStoreObserver} makes one span per store operation.
 * Attach it with {@code store.observedBy(OpenTelemetryStoreObserver.create(openTelemetry))}.
 */
@NullMarked
package dev.ctrstore.opentelemetry;

import org.jspecify.annotations.NullMarked;
