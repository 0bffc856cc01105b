/**
 * The {@code jdbc} backend: containers in embedded H2 or in MySQL/MariaDB through JDBC.
 * {@link dev.ctrstore.jdbc.JdbcStoreProvider} documents the configuration keys and what the
 * backend guarantees (durability, revisions, retries, deadlines); {@link
 * dev.ctrstore.jdbc.JdbcStores} opens a store without the configuration lookup. Those two are
 * the supported entry points; the other types are package-private parts (transactions,
 * deadlines, row mapping, paging, migrations), and no Jdbi, HikariCP or Flyway type appears in a
 * public signature. Nothing is null unless marked {@link org.jspecify.annotations.Nullable
 * @Nullable}.
 */
@NullMarked
package dev.ctrstore.jdbc;

import org.jspecify.annotations.NullMarked;
