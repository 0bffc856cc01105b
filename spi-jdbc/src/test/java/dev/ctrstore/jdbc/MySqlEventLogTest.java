package dev.ctrstore.jdbc;

import dev.ctrstore.testing.MySqlTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EventLogTestBase} on MySQL/MariaDB (a fresh database for the class). */
class MySqlEventLogTest extends EventLogTestBase {
  @RegisterExtension static final MySqlTestDatabase DB = new MySqlTestDatabase();

  @Override
  String url() {
    return DB.url();
  }
}
