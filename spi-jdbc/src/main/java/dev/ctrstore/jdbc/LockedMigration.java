package dev.ctrstore.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema to the latest version safely with any number of stores opening the same
 * database at once, on one server, on H2, or on the nodes of a Galera cluster: under the {@link
 * SchemaLock} (not Flyway's own lock, which Galera does not replicate), it looks again at what
 * is applied (a store that held the lock before may have done everything), removes the history
 * entries of migrations that failed, undoes what an unfinished migration left ({@link
 * PartialMigrations}), and migrates. A failed or interrupted migration so never needs a repair
 * by hand: the next store to open runs it again.
 */
final class LockedMigration {
  private static final Logger LOG = LoggerFactory.getLogger(LockedMigration.class);

  private LockedMigration() {}

  static void run(DataSource dataSource, Dialect dialect, Flyway flyway, Errors errors) throws SQLException {
    try (SchemaLock lock = SchemaLock.acquire(dataSource, errors)) {
      MigrationInfoService info = flyway.info();
      MigrationInfo[] failed = Arrays.stream(info.applied())
          .filter(m -> m.getState().isFailed())
          .toArray(MigrationInfo[]::new);
      try (Connection c = dataSource.getConnection()) {
        if (failed.length > 0) {
          LOG.warn("ctrstore schema migration on {}: migration {} failed earlier; removing its"
              + " history entry and running it again", errors.url(), failed[0].getVersion());
          deleteFailedEntries(c, dialect);
          info = flyway.info();
        }
        MigrationInfo[] pending = info.pending();
        if (pending.length == 0) {
          return;
        }
        PartialMigrations.restoreBefore(c, dialect, pending[0].getVersion().getVersion(), errors.url());
      }
      LOG.debug("ctrstore schema migration on {}: applying {} migration(s) as holder {}",
          errors.url(), info.pending().length, lock.holder());
      MigrationInfo current = info.current();
      long start = System.nanoTime();
      MigrateResult result = flyway.migrate();
      LOG.info("ctrstore schema migration on {}: schema version {} -> {} ({} migration(s) in {} ms)",
          errors.url(), current == null || current.getVersion() == null ? "none"
              : current.getVersion().getVersion(), result.targetSchemaVersion,
          result.migrationsExecuted, (System.nanoTime() - start) / 1_000_000);
    }
  }

  private static void deleteFailedEntries(Connection c, Dialect dialect) throws SQLException {
    // Flyway quotes the table and column names it creates; H2 keeps quoted names' case.
    String q = dialect == Dialect.H2 ? "\"" : "";
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.executeUpdate("DELETE FROM " + q + Migrations.HISTORY_TABLE + q + " WHERE " + q + "success"
          + q + " = FALSE");
    }
  }
}
