/**
 * Test support for backends and applications: JUnit 5 extensions that give a test class a
 * fresh database ({@link dev.ctrstore.testing.H2TestDatabase}, {@link
 * dev.ctrstore.testing.MySqlTestDatabase}, {@link dev.ctrstore.testing.MySqlServer}), and
 * {@link dev.ctrstore.testing.FaultInjectingStorage}, which fails a write transaction at a
 * chosen call to prove a storage discards it. For test class paths only. Without a MySQL server
 * a test that needs one is skipped with a loud message, or fails when {@code
 * CTRSTORE_REQUIRE_MYSQL=true} (as in CI). Nothing is null unless
 * marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.ctrstore.testing;

import org.jspecify.annotations.NullMarked;
