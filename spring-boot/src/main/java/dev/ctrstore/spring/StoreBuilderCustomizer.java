package dev.ctrstore.spring;

import dev.ctrstore.Stores;

/**
 * Adjusts the {@link Stores.Builder} the auto-configured {@link dev.ctrstore.Store} is opened
 * with, after the {@code ctrstore.*} properties were given to it: for object-valued settings
 * ({@link Stores.Builder#option}) or defaults set in code. Every bean of this type is applied,
 * in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface StoreBuilderCustomizer {
  /** Adjusts {@code builder}. */
  void customize(Stores.Builder builder);
}
