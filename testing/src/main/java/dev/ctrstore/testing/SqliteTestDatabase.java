package dev.ctrstore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh SQLite database file for one test class, the SQLite counterpart of {@link
 * H2TestDatabase}: {@code @RegisterExtension static final SqliteTestDatabase DB = new
 * SqliteTestDatabase();} then {@code DB.url()}. A file, not {@code :memory:} (private to one
 * connection), in a temporary folder deleted after the class, with the WAL and its index beside
 * it. Needs sqlite-jdbc on the test class path.
 */
public final class SqliteTestDatabase implements BeforeAllCallback, AfterAllCallback {
  private @Nullable Path dir;
  /** How many test classes (the registering one and its @Nested ones) are running. */
  private int depth;

  /** The JDBC URL of this class's database; only valid between beforeAll and afterAll. */
  public String url() {
    if (dir == null) {
      throw new IllegalStateException("SqliteTestDatabase: no database outside its test class");
    }
    return "jdbc:sqlite:" + dir.resolve("ctrstore.db");
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (depth++ == 0) {
      dir = Files.createTempDirectory("ctrstore-sqlite-test");
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (--depth > 0 || dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } finally {
      dir = null;
    }
  }
}
