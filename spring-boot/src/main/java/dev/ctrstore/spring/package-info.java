/**
 * Spring Boot auto-configuration for ctrstore: one {@link dev.ctrstore.Store} bean opened from
 * the application's {@code ctrstore.*} properties through {@link dev.ctrstore.Stores} (the same
 * keys and checks as {@code ctrstore.properties}), with Micrometer metrics, OpenTelemetry spans
 * and a {@code ctrstore} health indicator when the application has them. See {@link
 * dev.ctrstore.spring.CtrstoreAutoConfiguration}.
 */
@NullMarked
package dev.ctrstore.spring;

import org.jspecify.annotations.NullMarked;
