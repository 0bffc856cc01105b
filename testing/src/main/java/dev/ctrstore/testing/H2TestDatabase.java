package dev.ctrstore.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh in-memory H2 database for one test class, the H2 counterpart of {@link
 * MySqlTestDatabase}: {@code @RegisterExtension static final H2TestDatabase DB = new
 * H2TestDatabase();} then {@code DB.url()}. The database lives from the class's start to its end
 * (it is kept open between connections and shut down afterwards). Needs H2 on the test class
 * path.
 */
public final class H2TestDatabase implements BeforeAllCallback, AfterAllCallback {
  private @Nullable String url;
  /** How many test classes (the registering one and its @Nested ones) are running. */
  private int depth;

  /** The JDBC URL of this class's database; only valid between beforeAll and afterAll. */
  public String url() {
    if (url == null) {
      throw new IllegalStateException("H2TestDatabase: no database outside its test class");
    }
    return url;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (depth++ == 0) {
      url = "jdbc:h2:mem:ctrstore-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    if (--depth > 0 || url == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } finally {
      url = null;
    }
  }
}
