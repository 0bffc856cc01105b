/**
 * Unsupported: the engine and helpers behind the public packages. Nothing here is part of
 * ctrstore's API and it is not for use outside the {@code ctrstore-api} module; it may change or
 * disappear in any release without notice (a test fails the build if another module refers to
 * it). Backends implement {@link dev.ctrstore.spi.Storage}, and applications and tests turn one
 * into a store with {@link dev.ctrstore.Stores#over}. Nothing is null unless marked {@link
 * org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.ctrstore.internal;

import org.jspecify.annotations.NullMarked;
