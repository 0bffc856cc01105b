package dev.ctrstore.jdbc;

import dev.ctrstore.testing.MySqlTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A MySQL/MariaDB database of schema 1 converted in place (a fresh database for the class). */
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
    return "2";
  }

  @Override
  String lastMigrationScript() {
    return "dev/ctrstore/jdbc/migration/mysql/V2__eight_byte_hashes_and_hash_only_label_rows.sql";
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
