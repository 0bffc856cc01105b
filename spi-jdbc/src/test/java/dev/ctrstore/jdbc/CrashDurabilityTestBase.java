package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend's durability promise against a process crash: a child JVM writes and dies like
 * {@code kill -9} (no close, no shutdown hook), either right after its last write returned
 * ({@link CrashWriter}) or killed from outside while four threads write ({@link KillWriter}, ten
 * times on one file); every write that returned is there when the file is opened again, and the
 * file always opens.
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

  /**
   * Ten rounds on one file: a writer of four threads is SIGKILLed at a random point, after 20 to
   * 219 acknowledged writes; the file opens again, every acknowledged write of every round is
   * there (a created container with its acknowledged label, an acknowledged delete gone), and a
   * write in flight at the kill is wholly there or wholly absent.
   */
  @Test
  void acknowledgedWritesSurviveTenKillsMidWrite() throws Exception {
    String url = url(dir);
    Random random = new Random(0x6b111);
    Map<String, String> expected = new HashMap<>(); // id -> "0", "1" or "deleted"
    Map<String, String> lastOfThread = new HashMap<>(); // "r<round>-t<thread>" -> last acked id
    for (int round = 0; round < 10; round++) {
      int acksBeforeKill = 20 + random.nextInt(200);
      Process p = new ProcessBuilder(List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"),
              "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
              KillWriter.class.getName(), url, String.valueOf(round)))
          .redirectError(dir.resolve("writer-" + round + ".err").toFile())
          .start();
      int acks = 0;
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while (acks < acksBeforeKill && (line = in.readLine()) != null) {
          String[] w = line.split(" ");
          expected.put(w[1], switch (w[0]) {
            case "created" -> "0";
            case "updated" -> "1";
            default -> "deleted";
          });
          lastOfThread.put(w[1].substring(0, w[1].lastIndexOf('-')), w[1]);
          acks++;
        }
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "writer did not die");
      }
      assertEquals(acksBeforeKill, acks, "round " + round + ": the writer stopped early: "
          + Files.readString(dir.resolve("writer-" + round + ".err")));
      try (Store s = JdbcStores.open(url)) {
        Context ctx = Context.withNamespace("crash");
        for (Map.Entry<String, String> e : expected.entrySet()) {
          String where = "round " + round + ", " + e.getKey();
          Container c = s.list(ctx, "id==" + e.getKey()).stream().findFirst().orElse(null);
          if (e.getValue().equals("deleted")) {
            assertNull(c, where + ": an acknowledged delete came back");
          } else if (c == null && inFlightDelete(e.getKey(), lastOfThread)) {
            // The last id of its thread that the parent read, and its thread goes on to delete
            // it: the writer does not wait for the parent to read, so the update and the delete
            // may both have been acknowledged (unread) or committed before the kill landed.
            continue;
          } else {
            assertNotNull(c, where + ": an acknowledged write was lost");
            // A later write may have been in flight and landed: never an older value.
            assertTrue(c.labels().get("n").compareTo(e.getValue()) >= 0,
                where + ": label n went back to " + c.labels().get("n"));
          }
        }
      }
    }
  }

  /**
   * Whether {@code id} is the last id of its thread that the parent read an acknowledgement of,
   * and its thread's writes of it end in a delete.
   */
  private static boolean inFlightDelete(String id, Map<String, String> lastOfThread) {
    int dash = id.lastIndexOf('-');
    return id.equals(lastOfThread.get(id.substring(0, dash)))
        && Integer.parseInt(id.substring(dash + 1)) % 3 == 0;
  }
}
