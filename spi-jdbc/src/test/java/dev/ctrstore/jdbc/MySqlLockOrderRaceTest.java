package dev.ctrstore.jdbc;

import dev.ctrstore.testing.MySqlTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LockOrderRaceTestBase} on MySQL/MariaDB (a fresh database for the class). */
class MySqlLockOrderRaceTest extends LockOrderRaceTestBase {
  @RegisterExtension static final MySqlTestDatabase DB = new MySqlTestDatabase();

  @Override
  String url() {
    return DB.url();
  }
}
