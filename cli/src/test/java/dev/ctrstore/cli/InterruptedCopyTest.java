package dev.ctrstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Store;
import dev.ctrstore.testing.MySqlTestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy of 10,000 containers (the extremes of {@link MoveFixtures} among them) killed mid-way
 * (SIGKILL of the process, not an exception) and run again ends with the target equal to the
 * source: whole batches or nothing were committed, and the second run skips what is there. Both
 * directions between the backends that outlive a process, H2 files and MariaDB (a memory store
 * dies with the process that is killed).
 */
class InterruptedCopyTest {
  private static final int N = 10_000;
  private static final Pattern PROGRESS = Pattern.compile("^copied: ([0-9,]+) ");

  @RegisterExtension static final MySqlTestDatabase MYSQL = new MySqlTestDatabase();
  @RegisterExtension static final MySqlTestDatabase MYSQL_SOURCE = new MySqlTestDatabase();

  @TempDir Path dir;

  @Test
  void aKilledCopyFromH2ToMariaDbRunAgainCompletesTheCopy() throws Exception {
    killAndResume(MoveFixtures.h2(dir, "source"), MoveFixtures.mysql(dir, "target", MYSQL.url()),
        true);
  }

  /**
   * The H2 target keeps H2's default write delay ({@link MoveFixtures#h2}), so the kill may take
   * the last reported batches with it; what is left is still whole batches.
   */
  @Test
  void aKilledCopyFromMariaDbToH2RunAgainCompletesTheCopy() throws Exception {
    killAndResume(MoveFixtures.mysql(dir, "source", MYSQL_SOURCE.url()),
        MoveFixtures.h2(dir, "target"), false);
  }

  /** {@code durable}: every batch the progress reported survives the kill. */
  private void killAndResume(Path from, Path to, boolean durable) throws Exception {
    MoveFixtures.Opener opener = new MoveFixtures.Opener();
    Map<String, List<Container>> expected;
    try (Store source = opener.open(from)) {
      MoveFixtures.load(source, N);
      expected = MoveFixtures.contents(source);
    }

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Batches of 50: 200 transactions, so the kill after 1,000 lands mid-copy even on a fast
    // machine.
    Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        Ctrstore.class.getName(), "copy", "--from", from.toString(), "--to", to.toString(),
        "--batch-size=50", "--progress=lines", "--progress-interval=0.001")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long seen = 0;
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = err.readLine()) != null; ) {
        Matcher m = PROGRESS.matcher(line);
        if (m.find()) {
          seen = Long.parseLong(m.group(1).replace(",", ""));
          if (seen >= 1_000) {
            p.destroyForcibly();
            break;
          }
        }
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertNotEquals(0, p.exitValue(), "killed, not finished");
    assertTrue(seen >= 1_000 && seen < N, "killed mid-copy after " + seen);
    long copied;
    try (Store target = opener.open(to)) {
      copied = MoveFixtures.contents(target).values().stream().mapToLong(List::size).sum();
    }
    assertTrue(copied >= (durable ? seen : 0) && copied < N,
        "the target holds part of the copy: " + copied + " (" + seen + " reported)");
    assertEquals(0, copied % 50, "whole batches: " + copied);

    CliHarness cli = new CliHarness(opener);
    CliHarness.Result again = cli.run("copy", "--from", from.toString(), "--to", to.toString());
    assertEquals(0, again.exit(), again.out() + again.err());
    assertTrue(again.out().contains(": " + String.format("%,d", N - copied) + " new, 0 replaced, "
        + String.format("%,d", copied) + " identical, 0 conflicting, 0 failed"), again.out());
    CliHarness.Result verify = cli.run("--config", from.toString(), "verify", "--against",
        to.toString());
    assertEquals(0, verify.exit(), verify.out());
    try (Store target = opener.open(to)) {
      assertEquals(expected, MoveFixtures.contents(target));
    }
  }
}
