/**
 * Runnable tutorials: {@link dev.ctrstore.examples.Quickstart} (a store with no configuration,
 * in one page) and {@link dev.ctrstore.examples.ConfiguredStore} (opening from a properties file,
 * as an application does in production). They are compiled and run by the build, so what they
 * show works; they are examples to copy, not an API. Nothing is null unless marked {@link
 * org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.ctrstore.examples;

import org.jspecify.annotations.NullMarked;
