/**
 * The {@code protofile} backend, a template for a third-party backend written outside the
 * project: each namespace is one file of protobuf-encoded containers. It uses only the public
 * {@code dev.ctrstore} and {@code dev.ctrstore.spi} packages, shows what a backend writes (a
 * {@link dev.ctrstore.spi.Storage} and a {@link dev.ctrstore.spi.StoreProvider}) and proves
 * itself with the conformance kit. An example, not a supported backend. Nothing is null unless
 * marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package com.example.ctrstore.protofile;

import org.jspecify.annotations.NullMarked;
