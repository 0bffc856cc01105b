package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.Store;
import dev.ctrstore.testing.SqliteTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQLite schema under the same migration machinery as H2 and MySQL: stores racing to open
 * one file, schema 1 interrupted after each of its statements, a newer schema refused. (SQLite
 * started at the shape the others reached by conversion, so it has no older schema to convert.)
 */
class SqliteSchemaMigrationTest extends SchemaMigrationTestBase {
  @RegisterExtension static final SqliteTestDatabase DB = new SqliteTestDatabase();

  private static final String SCHEMA_ONE =
      "dev/ctrstore/jdbc/migration/sqlite/V1__containers_labels_and_change_log.sql";

  @Override
  String url() {
    return DB.url();
  }

  @Override
  Dialect dialect() {
    return Dialect.SQLITE;
  }

  @Override
  String latestVersion() {
    return "1";
  }

  /** SQLite's schema 1 already has 8-byte hashes and hash-only label rows. */
  @Override
  String labelConversionScript() {
    return SCHEMA_ONE;
  }

  @Override
  String labelConversionVersion() {
    return "1";
  }

  /** SQLite's schema 1 also creates the revision counter and the change log. */
  @Override
  String revisionsScript() {
    return SCHEMA_ONE;
  }

  @Test
  void racingOpensAllSucceed() throws Exception {
    racingOpensAllSucceed(4, 6, "1");
  }

  /**
   * Schema 1 stopped after each of its statements in turn (Flyway runs it in one transaction,
   * but a file copied mid-way, or a tool run by hand, can leave it so), with a dead store's lock
   * and, every other time, a failed history entry: the next store undoes it and runs it again.
   */
  @Test
  void interruptedSchemaOneIsRunAgain() throws Exception {
    List<String> steps = statements(SCHEMA_ONE);
    assertTrue(steps.size() >= 6, "schema 1 has several steps: " + steps);
    for (int k = 1; k <= steps.size(); k++) {
      resetSchema();
      // A store that died in schema 1 had created Flyway's history table first.
      Flyway.configure(getClass().getClassLoader()).dataSource(new UrlDataSource(url()))
          .locations(dialect().migrations()).table(Migrations.HISTORY_TABLE)
          .baselineVersion("0").load().baseline();
      try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
        for (String step : steps.subList(0, k)) {
          s.execute(step);
        }
        leaveExpiredLock(c);
        if (k % 2 == 1) {
          addFailedEntry(c, "1");
        }
      }
      try (Store store = JdbcStores.open(url())) {
        store.create(A, Container.builder().id("c" + k).runtime("rt").spec(Any.getDefaultInstance())
            .build());
        assertEquals(1, store.list(A).size(), "after " + k + " steps");
        assertEquals(1, store.revision(A));
      }
      assertEquals("1", currentVersion(), "after " + k + " steps");
    }
  }

  @Test
  void newerSchemaIsRefused() throws Exception {
    resetSchema();
    JdbcStores.open(url()).close();
    try (Connection c = DriverManager.getConnection(url()); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO " + Migrations.HISTORY_TABLE + " (installed_rank, version,"
          + " description, type, script, checksum, installed_by, execution_time, success)"
          + " VALUES (99, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'test', 0, TRUE)");
    }
    FailedPreconditionException e = assertThrows(FailedPreconditionException.class,
        () -> JdbcStores.open(url()));
    assertTrue(e.getMessage().contains("999") && e.getMessage().contains("newer"), e.getMessage());
  }
}
