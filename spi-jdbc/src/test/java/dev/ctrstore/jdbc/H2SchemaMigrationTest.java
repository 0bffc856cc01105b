package dev.ctrstore.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** H2 databases of schema 1 (and of schema 2, which only added an index) converted in place; the revisions migration interrupted. */
class H2SchemaMigrationTest extends SchemaMigrationTestBase {
  private final String url = "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Override
  String url() {
    return url;
  }

  @Override
  Dialect dialect() {
    return Dialect.H2;
  }

  @Override
  String latestVersion() {
    return "4";
  }

  @Override
  String labelConversionScript() {
    return "dev/ctrstore/jdbc/migration/h2/V3__eight_byte_hashes_and_hash_only_label_rows.sql";
  }

  @Override
  String labelConversionVersion() {
    return "3";
  }

  @Override
  String revisionsScript() {
    return "dev/ctrstore/jdbc/migration/h2/V4__revisions_and_change_log.sql";
  }

  @Test
  void interruptedRevisionMigrationsAreRunAgain() throws Exception {
    super.interruptedRevisionMigrationsAreRunAgain();
  }


  @Test
  void racingOpensAllSucceed() throws Exception {
    racingOpensAllSucceed(4, 6, "1");
  }

  @Test
  void interruptedConversionsAreRunAgain() throws Exception {
    interruptedConversionsAreRunAgain("2");
  }

  @Test
  void schemaOneIsConvertedInPlace() throws Exception {
    convertsInPlace("1");
  }

  @Test
  void schemaTwoIsConvertedInPlace() throws Exception {
    convertsInPlace("2");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }
}
