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
 * The documented H2 guarantee: with {@code WRITE_DELAY=0} (as in the default URL) every write
 * that returned survives the process being killed. (Without it, H2 loses up to half a second
 * of commits: on this machine a run lost 14 of 50.)
 */
class H2DurabilityTest {
  @TempDir Path dir;

  @Test
  void returnedWritesSurviveAProcessCrash() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0";
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
