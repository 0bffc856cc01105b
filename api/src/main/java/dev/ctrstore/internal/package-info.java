/**
 * Unsupported: the engine and helpers behind the public packages. Nothing here is part of
 * ctrstore's API; it may change or disappear in any release without notice. Only the {@code
 * ctrstore-api} module itself uses it: backends implement {@link dev.ctrstore.spi.Storage}, and
 * applications and tests turn one into a store with {@link dev.ctrstore.Stores#over}.
 */
package dev.ctrstore.internal;
