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

  @org.junit.jupiter.api.Test
  void refusedCredentialsAreAFailedPreconditionNotAnUnreachableServer() {
    String wrong = DB.url() + (DB.url().contains("?") ? "&" : "?") + "password=wrong-password";
    var e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.ctrstore.FailedPreconditionException.class, () -> JdbcStores.open(wrong));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("open jdbc store: the"
        + " database at " + Urls.mask(wrong) + " refused the credentials"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("SQLState 28000, error 1045"),
        e.getMessage());
    org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("wrong-password"));
  }
}
