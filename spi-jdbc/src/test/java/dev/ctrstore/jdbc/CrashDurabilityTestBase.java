package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend's durability promise against a process crash: a child JVM ({@link CrashWriter})
 * writes, and is halted like {@code kill -9} (no close, no shutdown hook) right after its last
 * write returned; every write that returned is there when the file is opened again.
 */
abstract class CrashDurabilityTestBase {
  @TempDir Path dir;

  /** The URL of a file database in {@code dir}, opened as the backend's default URL would be. */
  abstract String url(Path dir);

  @Test
  void returnedWritesSurviveAProcessCrash() throws Exception {
    String url = url(dir);
    int n = 50;
    Process p = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            CrashWriter.class.getName(), url, String.valueOf(n)))
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(120, TimeUnit.SECONDS);
    assertEquals(9, p.exitValue(), out);
    try (Store s = JdbcStores.open(url)) {
      assertEquals(n, s.list(Context.withNamespace("crash")).size(), out);
    }
  }
}
