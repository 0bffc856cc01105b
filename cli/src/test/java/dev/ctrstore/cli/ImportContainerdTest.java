package dev.ctrstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.RuntimeInfo;
import dev.ctrstore.Store;
import dev.ctrstore.testing.MySqlTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-containerd} against meta.db files written by containerd v1.7.0 itself (the
 * fixtures of the containerd module, with the JSON of what containerd reads back from them):
 * every container reproduced exactly on H2 and MariaDB, idempotent, and a damaged file refused
 * with nothing written.
 */
class ImportContainerdTest {
  /** The containerd module's fixtures; tests run in the cli module's directory. */
  private static final Path FIXTURES = Path.of("..", "containerd", "src", "test", "resources",
      "containerd-metadb");

  @RegisterExtension static final MySqlTestDatabase MYSQL = new MySqlTestDatabase();

  @TempDir Path dir;
  private final MoveFixtures.Opener opener = new MoveFixtures.Opener();
  private final CliHarness cli = new CliHarness(opener);

  @Test
  void smallDbIsReproducedExactlyAndASecondImportChangesNothing() {
    Path h2 = MoveFixtures.h2(dir, "h2");
    Path db = fixture("small.db");
    CliHarness.Result r = cli.run("--config", h2.toString(), "import-containerd", db.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("imported 27 containers in "), r.out());
    assertTrue(r.out().contains(": 27 new, 0 replaced, 0 identical, 0 conflicting, 0 failed"),
        r.out());
    assertEquals(expected("small.json"), contents(h2));

    CliHarness.Result again = cli.run("--config", h2.toString(), "import-containerd",
        db.toString());
    assertEquals(0, again.exit(), again.out());
    assertTrue(again.out().contains(": 0 new, 0 replaced, 27 identical"), again.out());
  }

  @Test
  void mediumDbIsReproducedExactlyOnMariaDb() {
    Path mariadb = MoveFixtures.mysql(dir, "mariadb", MYSQL.url());
    Path db = fixture("medium.db.gz");
    CliHarness.Result r = cli.run("--config", mariadb.toString(), "import-containerd",
        db.toString(), "--progress=lines", "--progress-interval=0.001");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains(": 2,000 new, 0 replaced"), r.out());
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("imported: ") && l.contains("ETA")),
        r.err());
    assertEquals(expected("medium.json.gz"), contents(mariadb));
  }

  @Test
  void oneNamespaceAndDryRuns() {
    Path h2 = MoveFixtures.h2(dir, "h2");
    Path db = fixture("small.db");
    CliHarness.Result dry = cli.run("--config", h2.toString(), "import-containerd",
        db.toString(), "--dry-run");
    assertEquals(0, dry.exit(), dry.out());
    assertTrue(dry.out().startsWith("dry run, nothing written: checked 27 containers"),
        dry.out());
    assertEquals(Map.of(), contents(h2));

    CliHarness.Result moby = cli.run("--config", h2.toString(), "-n", "moby",
        "import-containerd", db.toString());
    assertEquals(0, moby.exit(), moby.out());
    assertEquals(Map.of("moby", expected("small.json").get("moby")), contents(h2));
  }

  @Test
  void aTruncatedFileIsRefusedWithNothingWritten() throws IOException {
    Path h2 = MoveFixtures.h2(dir, "h2");
    Path db = fixture("small-truncated.db");
    byte[] before = Files.readAllBytes(db);
    CliHarness.Result r = cli.run("--config", h2.toString(), "import-containerd", db.toString());
    assertEquals(1, r.exit(), r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().startsWith("ctrstore: "), r.err());
    assertTrue(r.err().contains(db.toString()) && r.err().contains("page 129")
        && r.err().contains("truncated"), r.err());
    assertEquals(Map.of(), contents(h2), "nothing written");
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "the file is unchanged");

    Path notBolt = dir.resolve("not-bolt.db");
    Files.write(notBolt, new byte[8192]);
    CliHarness.Result garbage = cli.run("--config", h2.toString(), "import-containerd",
        notBolt.toString());
    assertEquals(1, garbage.exit());
    assertTrue(garbage.err().contains(notBolt.toString()), garbage.err());
    CliHarness.Result missing = cli.run("--config", h2.toString(), "import-containerd",
        dir.resolve("missing.db").toString());
    assertEquals(1, missing.exit());
  }

  private Map<String, List<Container>> contents(Path config) {
    try (Store s = opener.open(config)) {
      return MoveFixtures.contents(s);
    }
  }

  /** A fixture copied to the temporary directory (gunzipped when it ends in .gz). */
  private Path fixture(String name) {
    Path out = dir.resolve(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name);
    try (InputStream raw = Files.newInputStream(FIXTURES.resolve(name))) {
      Files.copy(name.endsWith(".gz") ? new GZIPInputStream(raw) : raw, out,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** What containerd read back, by namespace (those with containers), times to microseconds. */
  private static Map<String, List<Container>> expected(String json) {
    JsonNode root;
    try (InputStream raw = Files.newInputStream(FIXTURES.resolve(json))) {
      root = new ObjectMapper().readTree(json.endsWith(".gz") ? new GZIPInputStream(raw) : raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<Container>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("namespaces").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> ns = it.next();
      List<Container> list = new ArrayList<>();
      ns.getValue().forEach(c -> list.add(container(c)));
      if (!list.isEmpty()) {
        out.put(ns.getKey(), list);
      }
    }
    return out;
  }

  private static Container container(JsonNode c) {
    Container.Builder b = Container.builder()
        .id(c.get("id").asText())
        .image(c.get("image").asText())
        .runtime(new RuntimeInfo(c.get("runtime").get("name").asText(),
            any(c.get("runtime").get("options"))))
        .spec(any(c.get("spec")))
        .snapshotter(c.get("snapshotter").asText())
        .snapshotKey(c.get("snapshotKey").asText())
        .sandboxId(c.get("sandboxId").asText())
        .createdAt(time(c.get("createdAt")))
        .updatedAt(time(c.get("updatedAt")));
    c.get("labels").fields().forEachRemaining(e -> b.label(e.getKey(), e.getValue().asText()));
    c.get("extensions").fields().forEachRemaining(e -> b.extension(e.getKey(),
        any(e.getValue())));
    return b.build();
  }

  private static Instant time(JsonNode t) {
    return Instant.parse(t.asText()).truncatedTo(ChronoUnit.MICROS);
  }

  private static Any any(JsonNode a) {
    if (a == null || a.isNull()) {
      return null;
    }
    return Any.newBuilder().setTypeUrl(a.get("type_url").asText())
        .setValue(ByteString.copyFrom(Base64.getDecoder().decode(a.get("value_base64").asText())))
        .build();
  }
}
