package dev.ctrstore.jdbc;

import dev.ctrstore.testing.MySqlTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDBC backend on MySQL or MariaDB (see {@link MySqlTestDatabase} for where the server
 * comes from); each test class gets a fresh database, each test a fresh namespace.
 */
class MySqlJdbcStoreTest extends JdbcStoreTestBase {
  @RegisterExtension static final MySqlTestDatabase DB = new MySqlTestDatabase();

  @Override
  String url() {
    return DB.url();
  }
}
