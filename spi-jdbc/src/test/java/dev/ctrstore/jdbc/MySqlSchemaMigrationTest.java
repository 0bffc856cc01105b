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

  @Test
  void schemaOneIsConvertedInPlace() throws Exception {
    convertsInPlace("1");
  }
}
