package dev.ctrstore.jdbc;

import dev.ctrstore.testing.SqliteTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EventLogTestBase} on a SQLite file. */
class SqliteEventLogTest extends EventLogTestBase {
  @RegisterExtension static final SqliteTestDatabase DB = new SqliteTestDatabase();

  @Override
  String url() {
    return DB.url();
  }
}
