/**
 * The {@code memory} backend: {@link dev.ctrstore.memory.MemoryStoreProvider} keeps containers
 * in the JVM's heap, with revisions, watches and a bounded change log, and nothing survives the
 * store's close or the process. It promises the same answers as every other backend (the
 * conformance kit runs against it) and no durability. The other types are its parts and not
 * API. Nothing is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.ctrstore.memory;

import org.jspecify.annotations.NullMarked;
