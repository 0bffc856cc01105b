package dev.ctrstore.jdbc;

import dev.ctrstore.testing.H2TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EventLogTestBase} on an in-memory H2 database. */
class H2EventLogTest extends EventLogTestBase {
  @RegisterExtension static final H2TestDatabase DB = new H2TestDatabase();

  @Override
  String url() {
    return DB.url();
  }
}
