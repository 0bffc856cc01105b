package dev.ctrstore.jdbc;

import dev.ctrstore.testing.MySqlTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MySQL/MariaDB databases of schema 1 converted in place, the revisions migration interrupted (a fresh database for the class). */
class MySqlSchemaMigrationTest extends SchemaMigrationTestBase {
  @RegisterExtension static final MySqlTestDatabase DB = new MySqlTestDatabase();

  @Override
  String url() {
    return DB.url();
  }

  @Override
  Dialect dialect() {
    return Dialect.MYSQL;
  }

  @Override
  String latestVersion() {
    return "3";
  }

  @Override
  String labelConversionScript() {
    return "dev/ctrstore/jdbc/migration/mysql/V2__eight_byte_hashes_and_hash_only_label_rows.sql";
  }

  @Override
  String labelConversionVersion() {
    return "2";
  }

  @Override
  String revisionsScript() {
    return "dev/ctrstore/jdbc/migration/mysql/V3__revisions_and_change_log.sql";
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
    interruptedConversionsAreRunAgain("1");
  }

  @Test
  void schemaOneIsConvertedInPlace() throws Exception {
    convertsInPlace("1");
  }
}
