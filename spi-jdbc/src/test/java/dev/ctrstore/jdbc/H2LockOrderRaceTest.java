package dev.ctrstore.jdbc;

import dev.ctrstore.testing.H2TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LockOrderRaceTestBase} on an in-memory H2 database. */
class H2LockOrderRaceTest extends LockOrderRaceTestBase {
  @RegisterExtension static final H2TestDatabase DB = new H2TestDatabase();

  @Override
  String url() {
    return DB.url();
  }
}
