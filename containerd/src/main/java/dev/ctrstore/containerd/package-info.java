/**
 * Reading containerd's own {@code meta.db} (bbolt, schema {@code v1}) without Go or a running
 * containerd: {@link dev.ctrstore.containerd.MetaDb} opens the file read-only, never locks or
 * writes it, and yields its containers as ctrstore {@link dev.ctrstore.Container}s, failing a
 * stream when containerd committed while it was read. The other types decode the
 * file format and are not API. Nothing is null unless marked {@link
 * org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.ctrstore.containerd;

import org.jspecify.annotations.NullMarked;
