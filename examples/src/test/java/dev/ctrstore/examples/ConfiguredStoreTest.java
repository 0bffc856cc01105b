package dev.ctrstore.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.Stores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs {@link ConfiguredStore} on each file under {@code examples/config/}, in a separate JVM so
 * that the environment overrides are real environment variables. Each run's working directory
 * is a temporary one, so relative database paths never land in the repository.
 */
class ConfiguredStoreTest {
  private static final Path CONFIG = Path.of("config").toAbsolutePath();
  private static final String OK =
      "round trip ok: created, read back identical and deleted container probe";

  @TempDir Path work;

  private record Run(int exit, String out, String err) {}

  /** {@code java ConfiguredStore file} in {@link #work}, with exactly these CTRSTORE_* variables. */
  private Run configuredStore(String file, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        ConfiguredStore.class.getName(),
        CONFIG.resolve(file).toString())
        .directory(work.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("CTRSTORE_"));
    pb.environment().putAll(env);
    pb.redirectOutput(work.resolve("stdout").toFile());
    pb.redirectError(work.resolve("stderr").toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("ConfiguredStore " + file + " did not finish in 120 s");
    }
    return new Run(p.exitValue(),
        Files.readString(work.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(work.resolve("stderr"), StandardCharsets.UTF_8));
  }

  /** Each embedded starting point, used as written: its database file under the working directory. */
  @ParameterizedTest
  @CsvSource({"h2-file.properties, ctrstore-data/ctrstore.mv.db",
      "sqlite-file.properties, ctrstore-data/ctrstore.db"})
  void embeddedFileAsWrittenCreatesItsDatabaseUnderTheWorkingDirectory(String file, String db)
      throws Exception {
    Run run = configuredStore(file, Map.of());

    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of(OK), run.out().lines().toList());
    assertTrue(Files.exists(work.resolve(db)), db);
  }

  @Test
  void environmentOverridesTheFile() throws Exception {
    Path elsewhere = work.resolve("elsewhere/db");
    Run run = configuredStore("h2-file.properties",
        Map.of("CTRSTORE_JDBC_URL", "jdbc:h2:file:" + elsewhere + ";WRITE_DELAY=0"));

    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of(OK), run.out().lines().toList());
    assertTrue(Files.exists(work.resolve("elsewhere/db.mv.db")), "the URL from the environment");
    assertFalse(Files.exists(work.resolve("ctrstore-data")), "the URL from the file is unused");
  }

  @Test
  void mysqlFileAgainstTheTestServerNamedInTheEnvironment() throws Exception {
    String url = System.getenv("CTRSTORE_TEST_MYSQL_URL");
    if (url == null || url.isBlank()) {
      if (Boolean.parseBoolean(System.getenv("CTRSTORE_REQUIRE_MYSQL"))) {
        fail("CTRSTORE_REQUIRE_MYSQL is set but CTRSTORE_TEST_MYSQL_URL is not");
      }
      assumeTrue(false, "no MySQL/MariaDB server: set CTRSTORE_TEST_MYSQL_URL to run this check");
    }
    // The file names a server and user that do not exist here; the environment replaces both.
    Map<String, String> env = new HashMap<>();
    env.put("CTRSTORE_JDBC_URL", url);
    Matcher user = Pattern.compile("[?&]user=([^&;]+)").matcher(url);
    if (user.find()) {
      env.put("CTRSTORE_JDBC_USERNAME", user.group(1));
    }

    Run run = configuredStore("mysql.properties", env);

    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of(OK), run.out().lines().toList());
  }

  @Test
  void protofileBackendFromItsFile() throws Exception {
    Run run = configuredStore("protofile.properties",
        Map.of("CTRSTORE_PROTOFILE_DIR", work.resolve("pf").toString()));

    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of(OK), run.out().lines().toList());
    assertTrue(Files.exists(work.resolve("pf/config-example.pb")));
  }

  @Test
  void aMisspeltKeyFailsAtOpenNamingIt() throws Exception {
    Path file = work.resolve("typo.properties");
    Files.writeString(file, "ctrstore.backend=jdbc\nctrstore.jdbc.ulr=jdbc:h2:mem:x\n");
    Properties props = new Properties();
    try (var in = Files.newInputStream(file)) {
      props.load(in);
    }

    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Stores.open(props));

    assertTrue(e.getMessage().startsWith("unknown configuration key \"ctrstore.jdbc.ulr\""),
        e.getMessage());
  }
}
