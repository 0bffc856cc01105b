package dev.ctrstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.testing.MySqlTestDatabase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * export, import, copy and verify between every backend (memory, H2 file, MariaDB), as a user
 * runs them: round trips keep every container exactly, a second run changes nothing,
 * differences and conflicts are reported with exit code 3, bad input with exit code 1.
 */
class MoveCommandsTest {
  /**
   * The round trips: 10,000 containers (the extremes of {@link MoveFixtures} among them), ten
   * batches of {@link #ROUND_TRIP_BATCH} per namespace. The other checks use {@link #N}
   * containers in batches of {@link #BATCH}. The 100,000-container runs are benchmarks, not
   * tests.
   */
  private static final int ROUND_TRIP = 10_000;
  private static final String ROUND_TRIP_BATCH = "--batch-size=500";
  private static final int N = 200;
  private static final String BATCH = "--batch-size=100";
  private static final String NN = String.format("%,d", N);

  @RegisterExtension static final MySqlTestDatabase MYSQL = new MySqlTestDatabase();
  /** The export ring's own database, so that its import into MariaDB writes every container. */
  @RegisterExtension static final MySqlTestDatabase MYSQL_EXPORT = new MySqlTestDatabase();

  @TempDir Path dir;
  private final MoveFixtures.Opener opener = new MoveFixtures.Opener();
  private final CliHarness cli = new CliHarness(opener);
  private Path memory;
  private Path h2;
  private Path mariadb;
  private Map<String, List<Container>> expected;

  @BeforeEach
  void stores() {
    memory = opener.memory(dir, "memory");
    h2 = MoveFixtures.h2(dir, "h2");
    mariadb = MoveFixtures.mysql(dir, "mariadb", MYSQL.url());
  }

  /** Loads {@code n} containers into the memory store; they are then {@link #expected}. */
  private void load(int n) {
    try (Store source = opener.open(memory)) {
      MoveFixtures.load(source, n);
      expected = MoveFixtures.contents(source);
    }
    assertEquals(n, expected.values().stream().mapToInt(List::size).sum());
  }

  private Map<String, List<Container>> contents(Path config) {
    try (Store s = opener.open(config)) {
      return MoveFixtures.contents(s);
    }
  }

  private CliHarness.Result run(String... args) {
    return cli.run(args);
  }

  /**
   * Copies memory → H2 → MariaDB → memory; with the export ring's opposite direction, every
   * ordered pair of backends is a move source → target once.
   */
  @Test
  void copyThenVerifyAroundEveryBackendKeepsEveryContainerExactly() {
    load(ROUND_TRIP);
    String n = String.format("%,d", ROUND_TRIP);
    Path[] ring = {memory, h2, mariadb, opener.memory(dir, "memory2")};
    for (int i = 0; i + 1 < ring.length; i++) {
      CliHarness.Result copy = run("copy", "--from", ring[i].toString(), "--to",
          ring[i + 1].toString(), ROUND_TRIP_BATCH, "--progress=lines",
          "--progress-interval=0.001");
      assertEquals(0, copy.exit(), copy.err());
      assertTrue(copy.out().startsWith("copied " + n + " containers"), copy.out());
      assertTrue(copy.out().contains(n + " new"), copy.out());
      assertTrue(copy.err().lines().anyMatch(l -> l.startsWith("copied: ") && l.contains("/s")
          && l.contains("ETA")), () -> "progress lines: " + copy.err());
      CliHarness.Result verify = run("--config", ring[0].toString(), "verify", "--against",
          ring[i + 1].toString());
      assertEquals(0, verify.exit(), verify.out() + verify.err());
      assertEquals(List.of("equal: " + n + " containers compared, " + n + " equal, 0 differ"),
          verify.outLines());
      assertEquals(expected, contents(ring[i + 1]), "copy " + i);
    }
  }

  /** Exports and imports memory → MariaDB → H2 → memory: the copy ring's other direction. */
  @Test
  void exportThenImportAroundEveryBackendKeepsEveryContainerExactly() throws Exception {
    load(ROUND_TRIP);
    Path[] ring = {memory, MoveFixtures.mysql(dir, "mariadb-export", MYSQL_EXPORT.url()), h2,
        opener.memory(dir, "memory2")};
    for (int i = 0; i + 1 < ring.length; i++) {
      Path file = dir.resolve("export-" + i + ".jsonl");
      CliHarness.Result export = run("--config", ring[i].toString(), "export", "-A", "-o",
          file.toString());
      assertEquals(0, export.exit(), export.err());
      try (var lines = Files.lines(file)) {
        assertEquals(ROUND_TRIP, lines.count());
      }
      assertFalse(Files.exists(dir.resolve(file.getFileName() + ".partial")));
      CliHarness.Result imported = run("--config", ring[i + 1].toString(), "import",
          file.toString(), ROUND_TRIP_BATCH);
      assertEquals(0, imported.exit(), imported.err());
      assertTrue(imported.out().contains(": " + String.format("%,d", ROUND_TRIP) + " new, "),
          imported.out());
      assertEquals(expected, contents(ring[i + 1]), "round trip " + i);
    }
  }

  @Test
  void theExportFormatIsOneContainerPerLineWithItsNamespace() {
    load(N);
    CliHarness.Result r = run("--config", memory.toString(), "-n", "default", "export");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.outLines();
    assertEquals(expected.get("default").size(), lines.size());
    String first = lines.get(0);
    assertTrue(first.startsWith("{\"namespace\":\"default\",\"id\":\"ctr-00000\",\"labels\":"
        + "{\"app\":\"a0\",\"n\":\"0\"},\"image\":\"docker.io/library/app:0\",\"runtime\":"
        + "{\"name\":\"io.containerd.runc.v2\",\"options\":null},\"spec\":{\"type_url\":"
        + "\"types.containerd.io/opencontainers/runtime-spec/1/Spec\",\"value\":\""), first);
    assertTrue(first.endsWith("\"createdAt\":\"2024-05-06T07:08:09.124457Z\","
        + "\"updatedAt\":\"2024-05-06T07:08:09.623463Z\",\"extensions\":{}}"), first);
    assertTrue(r.err().startsWith("exported " + String.format("%,d", lines.size())
        + " containers of 1 namespace"), r.err());
  }

  @Test
  void aSecondCopyChangesNothingAndADryRunWritesNothing() {
    load(N);
    CliHarness.Result dry = run("copy", "--from", memory.toString(), "--to", h2.toString(),
        "--dry-run");
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().startsWith("dry run, nothing written: checked " + NN + " containers"),
        dry.out());
    assertEquals(Map.of(), contents(h2));

    assertEquals(0, run("copy", "--from", memory.toString(), "--to", h2.toString()).exit());
    CliHarness.Result again = run("copy", "--from", memory.toString(), "--to", h2.toString());
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains(": 0 new, 0 replaced, " + NN + " identical, 0 conflicting,"
        + " 0 failed"), again.out());
  }

  @Test
  void differencesAreListedAndConflictsLeftAloneUnlessOverwriting() {
    load(N);
    assertEquals(0, run("copy", "--from", memory.toString(), "--to", h2.toString()).exit());
    Context ctx = Context.withNamespace("default");
    try (Store target = opener.open(h2)) {
      target.update(ctx, Container.builder().id("ctr-00007").image("changed").build(), "image");
      target.delete(ctx, "ctr-00008");
      target.create(ctx, MoveFixtures.container(99_999));
    }
    CliHarness.Result verify = run("--config", memory.toString(), "verify", "--against",
        h2.toString());
    assertEquals(Ctrstore.EXIT_INCOMPLETE, verify.exit());
    assertEquals(List.of(
        "different\tdefault/ctr-00007\timage, updatedAt",
        "missing\tdefault/ctr-00008",
        "unexpected\tdefault/ctr-99999",
        "different: " + String.format("%,d", N + 1) + " containers compared, "
            + String.format("%,d", N - 2) + " equal, 3 differ"), verify.outLines());

    CliHarness.Result copy = run("copy", "--from", memory.toString(), "--to", h2.toString());
    assertEquals(Ctrstore.EXIT_INCOMPLETE, copy.exit());
    assertTrue(copy.out().contains(": 1 new, 0 replaced, " + String.format("%,d", N - 2) + " identical, 1 conflicting,"
        + " 0 failed"), copy.out());
    assertTrue(copy.outLines().contains("conflicting\tdefault/ctr-00007\ta different container"
        + " is stored (image, updatedAt differ)"), copy.out());

    CliHarness.Result overwrite = run("copy", "--from", memory.toString(), "--to",
        h2.toString(), "--overwrite");
    assertEquals(0, overwrite.exit(), overwrite.out() + overwrite.err());
    assertTrue(overwrite.out().contains(": 0 new, 1 replaced, " + String.format("%,d", N - 1) + " identical"),
        overwrite.out());
    assertEquals(Ctrstore.EXIT_INCOMPLETE, run("--config", memory.toString(), "verify",
        "--against", h2.toString()).exit(), "the extra container is still there");
  }

  @Test
  void importReadsStandardInputAndNamesTheLineOfBadInput() throws Exception {
    String good = ContainerLines.line(MoveFixtures.containers(N).findFirst().orElseThrow());
    String bad = good.replace("\"createdAt\":\"2024-05-06T07:08:09.124457Z\"",
        "\"createdAt\":\"yesterday\"").replace("ctr-00000", "ctr-bad");
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream((good + "\n\n" + bad + "\n")
          .getBytes(StandardCharsets.UTF_8)));
      CliHarness.Result r = run("--config", h2.toString(), "import", "--batch-size=1");
      assertEquals(1, r.exit());
      assertEquals(List.of("ctrstore: standard input line 3: createdAt must be an RFC 3339 time"
          + " in UTC such as 2024-01-02T03:04:05.123456Z (was \"yesterday\")"), r.errLines());
    } finally {
      System.setIn(stdin);
    }
    assertEquals(List.of("ctr-00000"), contents(h2).get("default").stream()
        .map(Container::id).toList(), "the batch before the bad line is written");

    Path file = dir.resolve("unknown.jsonl");
    Files.writeString(file, good.replace("\"image\"", "\"imag\""));
    CliHarness.Result unknown = run("--config", h2.toString(), "import", file.toString());
    assertEquals(1, unknown.exit());
    assertEquals(List.of("ctrstore: " + file + " line 1: unknown field \"imag\""),
        unknown.errLines());
  }

  @Test
  void invalidContainersAreCountedAsFailedWithTheirIdAndTheRestImported() throws Exception {
    String good = ContainerLines.line(MoveFixtures.containers(N).findFirst().orElseThrow());
    Path file = dir.resolve("invalid.jsonl");
    Files.writeString(file, good + "\n" + good.replace("ctr-00000", "bad id") + "\n");
    CliHarness.Result r = run("--config", h2.toString(), "import", file.toString());
    assertEquals(Ctrstore.EXIT_INCOMPLETE, r.exit());
    assertTrue(r.out().contains(": 1 new, 0 replaced, 0 identical, 0 conflicting, 1 failed"),
        r.out());
    assertTrue(r.outLines().get(1).startsWith("failed\tdefault/bad id\tcontainer id \"bad id\""),
        r.out());
  }

  @Test
  void usageErrorsExitTwo() {
    CliHarness.Result both = run("-n", "default", "export", "-A");
    assertEquals(2, both.exit());
    assertTrue(both.err().startsWith("ctrstore: -n and --all-namespaces exclude each other"),
        both.err());
    assertEquals(2, run("copy", "--from", memory.toString()).exit());
    assertEquals(2, run("verify").exit());
  }
}
