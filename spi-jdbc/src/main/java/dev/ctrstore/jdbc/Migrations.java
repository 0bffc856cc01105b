package dev.ctrstore.jdbc;

import dev.ctrstore.Context;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.StoreException;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

/**
 * The schema, versioned with Flyway under its own history table ({@value #HISTORY_TABLE}), so a
 * host application's own Flyway history in the same schema is left alone. A schema that an
 * existing database already holds other tables in is baselined at version 0 and migrated.
 * Migrating is left to {@link LockedMigration}, safe with many stores opening at once.
 */
final class Migrations {
  static final String HISTORY_TABLE = "ctrstore_schema_history";

  private Migrations() {}

  /**
   * Checks the schema and, when {@code migrate}, brings it to the latest version.
   *
   * @throws FailedPreconditionException when the database holds a schema newer than this library
   *     knows (it is not written to), or when {@code migrate} is false and the schema is
   *     missing, behind or left by a failed migration
   */
  static void apply(DataSource dataSource, Dialect dialect, boolean migrate, Errors errors) {
    Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(dialect.migrations())
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .cleanDisabled(true)
        .load();
    FlywayLogs.install(); // after load(): building a Flyway resets its log creator
    try {
      MigrationInfoService info = flyway.info();
      String known = Arrays.stream(info.all())
          .filter(m -> m.getState().isResolved() && m.getVersion() != null)
          .map(m -> m.getVersion().getVersion())
          .reduce((a, b) -> b)
          .orElse("none");
      MigrationInfo[] future = Arrays.stream(info.applied())
          .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS
              || m.getState() == MigrationState.FUTURE_FAILED)
          .toArray(MigrationInfo[]::new);
      if (future.length > 0) {
        throw new FailedPreconditionException("database " + errors.url() + " has ctrstore schema version "
            + future[future.length - 1].getVersion() + ", newer than this library knows (" + known
            + "); refusing to use it. Upgrade ctrstore to a version that knows this schema.");
      }
      MigrationInfo[] failed = Arrays.stream(info.applied())
          .filter(m -> m.getState().isFailed())
          .toArray(MigrationInfo[]::new);
      if (failed.length > 0 && !migrate) {
        throw new FailedPreconditionException("database " + errors.url()
            + ": ctrstore schema migration " + failed[0].getVersion() + " failed earlier ("
            + HISTORY_TABLE + "); open a store with " + JdbcStoreProvider.MIGRATE
            + "=true to run it again");
      }
      MigrationInfo[] pending = info.pending();
      if (pending.length == 0 && failed.length == 0) {
        return;
      }
      if (!migrate) {
        MigrationInfo current = info.current();
        throw new FailedPreconditionException("database " + errors.url() + " has ctrstore schema "
            + (current == null ? "none" : "version " + current.getVersion())
            + ", this library needs version " + known + " (pending: "
            + Arrays.stream(pending).map(m -> String.valueOf(m.getVersion()))
                .collect(Collectors.joining(", "))
            + "); " + JdbcStoreProvider.MIGRATE + " is false, so it was not migrated");
      }
      LockedMigration.run(dataSource, dialect, flyway, errors);
    } catch (StoreException e) {
      throw e;
    } catch (FlywayException | java.sql.SQLException e) {
      StoreException mapped = errors.map(e, "schema migration", Context.empty());
      if (mapped instanceof dev.ctrstore.UnavailableException
          || mapped instanceof FailedPreconditionException) {
        throw mapped;
      }
      throw new FailedPreconditionException("database " + errors.url()
          + ": ctrstore schema check or migration failed: " + Urls.mask(String.valueOf(e.getMessage())), e);
    }
  }
}
