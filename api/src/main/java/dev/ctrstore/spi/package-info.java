/**
 * The service-provider interface for backends: a backend implements {@link
 * dev.ctrstore.spi.Storage} (whole containers of one namespace, read and written in
 * transactions) and registers a {@link dev.ctrstore.spi.StoreProvider}, which opens that storage
 * from a {@link dev.ctrstore.spi.StoreConfig}. The library puts its engine over every storage, so
 * containerd's rules (validation, field paths, timestamps, filters, error precedence) hold for
 * every backend without a backend re-implementing them; the conformance kit checks what a
 * storage must keep. Supported for backend authors; nothing is null unless marked {@link
 * org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.ctrstore.spi;

import org.jspecify.annotations.NullMarked;
