/**
 * The conformance kit: {@link dev.ctrstore.conformance.StoreConformanceTest} checks, through the
 * public API, every rule of containerd's container store (docs/semantics.md) and what a {@link
 * dev.ctrstore.spi.Storage} must keep for them to hold. A backend extends it and says how to
 * open its storage; the nested contract classes are the checks, and passing all of them is
 * what "conforms" means. Nothing is null unless marked {@link
 * org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.ctrstore.conformance;

import org.jspecify.annotations.NullMarked;
