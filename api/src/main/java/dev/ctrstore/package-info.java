/**
 * ctrstore's public API: {@link dev.ctrstore.Store}, containerd's container metadata store with
 * the same answers on every backend, the immutable values it takes and returns ({@link
 * dev.ctrstore.Container}, {@link dev.ctrstore.Page}, {@link dev.ctrstore.Event}, …), the
 * exceptions it throws (one {@link dev.ctrstore.StoreException} subclass per {@link
 * dev.ctrstore.ErrorKind}), and {@link dev.ctrstore.Stores}, which opens a store from
 * configuration or puts the library's engine over a backend's {@link dev.ctrstore.spi.Storage}.
 * Everything here is supported and follows semantic versioning; nothing is null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.ctrstore;

import org.jspecify.annotations.NullMarked;
