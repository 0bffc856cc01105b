package dev.ctrstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.memory.MemoryStoreProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assertions;

/**
 * The {@code ctrstore} commands end to end: argument parsing, the store calls they make, what
 * they print, and their exit codes. One in-memory store is shared by all invocations of a test
 * so that state carries over from one command to the next.
 */
class CtrstoreCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Context DEFAULT = Context.withNamespace("default");

  private Store store;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    store = MemoryStoreProvider.openStore();
    cli = CliHarness.sharing(store);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private void ok(String... args) {
    CliHarness.Result r = cli.run(args);
    assertEquals(0, r.exit(), () -> "ctrstore " + String.join(" ", args) + ": " + r.err());
    assertEquals("", r.err());
  }

  private static void assertOneLineError(CliHarness.Result r, int exit, String message) {
    assertEquals(exit, r.exit(), r::toString);
    assertEquals(List.of("ctrstore: " + message), r.errLines());
    assertEquals("", r.out());
  }

  @Test
  void createThenListAsTableOrderedById() {
    ok("create", "docker.io/library/redis:7", "web-2");
    ok("create", "docker.io/library/nginx:1.27", "web-1", "nginx", "-g", "daemon off;");
    ok("create", "--runtime", "io.containerd.kata.v2", "", "db");

    CliHarness.Result r = cli.run("ls");

    assertEquals(0, r.exit());
    assertEquals(List.of(
        "CONTAINER    IMAGE                           RUNTIME",
        "db           -                               io.containerd.kata.v2",
        "web-1        docker.io/library/nginx:1.27    io.containerd.runc.v2",
        "web-2        docker.io/library/redis:7       io.containerd.runc.v2"), r.outLines());
  }

  @Test
  void createUsesCtrDefaultsAndPacksAnOciSpec() throws Exception {
    ok("create", "-l", "env=prod", "--label", "tier", "docker.io/library/nginx:1.27", "web-1",
        "nginx", "-g", "daemon off;");

    Container c = store.get(DEFAULT, "web-1");
    assertEquals("docker.io/library/nginx:1.27", c.image());
    assertEquals("io.containerd.runc.v2", c.runtime().name());
    assertEquals("overlayfs", c.snapshotter());
    assertEquals("web-1", c.snapshotKey());
    assertEquals(Map.of("env", "prod", "tier", "true"), c.labels());
    assertEquals(OciSpecs.TYPE_URL, c.spec().getTypeUrl());
    JsonNode spec = JSON.readTree(c.spec().getValue().toByteArray());
    assertEquals("[\"nginx\",\"-g\",\"daemon off;\"]", spec.at("/process/args").toString());
    assertEquals("web-1", spec.get("hostname").asText());
  }

  @Test
  void createWithSpecFileStoresItsJson(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"ociVersion\":\"1.0.2\",\"process\":{\"args\":[\"true\"]}}");

    ok("create", "--spec", file.toString(), "--snapshot-key", "snap-1", "--sandbox", "pod-1",
        "busybox", "one");

    Container c = store.get(DEFAULT, "one");
    assertEquals("1.0.2", JSON.readTree(c.spec().getValue().toByteArray()).get("ociVersion").asText());
    assertEquals("snap-1", c.snapshotKey());
    assertEquals("pod-1", c.sandboxId());
  }

  @Test
  void createRejectsBadSpecFilesInOneLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"ociVersion\": ");

    CliHarness.Result r = cli.run("create", "--spec", file.toString(), "busybox", "one");

    assertEquals(1, r.exit());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().startsWith("ctrstore: spec file " + file + " is not valid JSON"), r.err());
    assertOneLineError(cli.run("create", "--spec", dir.resolve("nope.json").toString(), "busybox", "one"),
        1, "spec file " + dir.resolve("nope.json") + " does not exist");
    assertTrue(store.list(DEFAULT).isEmpty());
  }

  @Test
  void createReportsInvalidIdsAndDuplicates() {
    assertOneLineError(cli.run("create", "busybox", "-bad-"), 1,
        "container id \"-bad-\": must match [A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*");
    ok("create", "busybox", "one");
    assertOneLineError(cli.run("create", "busybox", "one"), 1,
        "container \"one\" in namespace \"default\": already exists");
  }

  @Test
  void listQuietPrintsIdsOnly() {
    ok("create", "busybox", "b");
    ok("create", "busybox", "a");

    CliHarness.Result r = cli.run("ls", "-q");

    assertEquals(0, r.exit());
    assertEquals(List.of("a", "b"), r.outLines());
  }

  @Test
  void listOfAnEmptyNamespacePrintsTheHeaderOnly() {
    CliHarness.Result r = cli.run("list");
    assertEquals(0, r.exit());
    assertEquals(List.of("CONTAINER    IMAGE    RUNTIME"), r.outLines());
  }

  @Test
  void listAsJsonShowsEveryFieldWithAnysAsTypeUrlAndBase64() throws Exception {
    ok("create", "-l", "env=prod", "busybox", "one", "echo", "hi");

    CliHarness.Result r = cli.run("ls", "--format", "json");

    assertEquals(0, r.exit(), r.err());
    JsonNode list = JSON.readTree(r.out());
    assertEquals(1, list.size());
    JsonNode one = list.get(0);
    Container stored = store.get(DEFAULT, "one");
    assertEquals("one", one.get("id").asText());
    assertEquals("prod", one.at("/labels/env").asText());
    assertEquals("busybox", one.get("image").asText());
    assertEquals("io.containerd.runc.v2", one.at("/runtime/name").asText());
    assertTrue(one.at("/runtime/options").isNull());
    assertEquals(OciSpecs.TYPE_URL, one.at("/spec/type_url").asText());
    assertEquals(stored.spec().getValue(),
        com.google.protobuf.ByteString.copyFrom(Base64.getDecoder().decode(one.at("/spec/value").asText())));
    assertEquals(stored.createdAt().toString(), one.get("createdAt").asText());
    assertEquals("overlayfs", one.get("snapshotter").asText());

    CliHarness.Result quiet = cli.run("--format", "json", "ls", "-q");
    assertEquals("[ \"one\" ]", quiet.out().strip());
  }

  @Test
  void infoPrintsEveryFieldOrJson() throws Exception {
    ok("create", "-l", "env=prod", "-l", "tier=web", "busybox", "one");
    Container stored = store.get(DEFAULT, "one");

    CliHarness.Result table = cli.run("info", "one");

    assertEquals(0, table.exit());
    List<String> lines = table.outLines();
    assertEquals("ID:              one", lines.get(0));
    assertTrue(lines.contains("IMAGE:           busybox"), table.out());
    assertTrue(lines.contains("SPEC:            " + OciSpecs.TYPE_URL + " ("
        + stored.spec().getValue().size() + " bytes)"), table.out());
    assertTrue(lines.contains("CREATED:         " + stored.createdAt()), table.out());
    assertTrue(lines.contains("LABELS:          env=prod"), table.out());
    assertTrue(lines.contains("                 tier=web"), table.out());
    assertTrue(lines.contains("EXTENSIONS:      -"), table.out());

    CliHarness.Result json = cli.run("info", "--format", "json", "one");
    assertEquals("one", JSON.readTree(json.out()).get("id").asText());
  }

  @Test
  void infoOfAMissingContainerFailsWithOneLine() {
    assertOneLineError(cli.run("info", "nope"), 1,
        "container \"nope\" in namespace \"default\": not found");
  }

  @Test
  void labelSetsRemovesAndPrintsAllLabels() {
    ok("create", "-l", "env=dev", "-l", "keep=1", "busybox", "one");

    CliHarness.Result r = cli.run("label", "one", "env=prod", "tier=web");
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("env=prod", "keep=1", "tier=web"), r.outLines());

    r = cli.run("label", "one", "env=", "canary");
    assertEquals(List.of("canary=true", "keep=1", "tier=web"), r.outLines());
    assertEquals(Map.of("canary", "true", "keep", "1", "tier", "web"), store.get(DEFAULT, "one").labels());

    // No arguments: just show them.
    assertEquals(List.of("canary=true", "keep=1", "tier=web"), cli.run("label", "one").outLines());
    assertEquals("{\"canary\":\"true\",\"keep\":\"1\",\"tier\":\"web\"}",
        cli.run("label", "--format", "json", "one").out().replaceAll("\\s", ""));
  }

  @Test
  void labelPrintsOneLabelPerLineSoCommasInValuesStayReadable() {
    ok("create", "-l", "hosts=a,b", "-l", "note=x=y", "busybox", "one");
    store.update(DEFAULT, Container.builder().id("one").label("multi", "line 1\nline 2").build(),
        "labels.multi");

    assertEquals(List.of("hosts=a,b", "multi=\"line 1\\nline 2\"", "note=x=y"),
        cli.run("label", "one").outLines());
  }

  @Test
  void labelErrors() {
    assertOneLineError(cli.run("label", "nope", "a=b"), 1,
        "container \"nope\" in namespace \"default\": not found");
    ok("create", "busybox", "one");
    CliHarness.Result r = cli.run("label", "one", "=x");
    assertEquals(2, r.exit());
    assertEquals(List.of("ctrstore: invalid label \"=x\": expected KEY=VALUE with a non-empty KEY"
        + " (see 'ctrstore label --help')"), r.errLines());
  }

  @Test
  void updateAppliesOnlyTheFieldsOfTheOptionsGiven() {
    ok("create", "-l", "env=dev", "-l", "tier=web", "busybox:1.36", "one");
    Container before = store.get(DEFAULT, "one");

    ok("update", "one", "--image", "busybox:1.37", "--label", "env=prod");

    Container after = store.get(DEFAULT, "one");
    assertEquals("busybox:1.37", after.image());
    assertEquals(Map.of("env", "prod", "tier", "web"), after.labels());
    assertEquals(before.spec(), after.spec());
    assertEquals(before.createdAt(), after.createdAt());
    assertTrue(after.updatedAt().isAfter(before.updatedAt()));
  }

  @Test
  void updateWithFieldPathsTakesExactlyThosePaths(@TempDir Path dir) throws Exception {
    ok("create", "-l", "env=dev", "-l", "tier=web", "busybox:1.36", "one");
    Path spec = dir.resolve("spec.json");
    Files.writeString(spec, "{\"ociVersion\":\"1.1.0\",\"hostname\":\"changed\"}");

    // --image is given but not named by a path, so it is ignored (with a warning); labels.tier
    // is named but not given, so the label is removed; spec is named and given.
    CliHarness.Result r = cli.run("update", "one", "--image", "ignored", "--spec", spec.toString(),
        "--field-path", "labels.tier", "-p", "spec");
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("ctrstore: warning: --image is not applied: no --field-path selects image"
        + " (add -p image)"), r.errLines());

    Container after = store.get(DEFAULT, "one");
    assertEquals("busybox:1.36", after.image());
    assertEquals(Map.of("env", "dev"), after.labels());
    assertEquals("changed",
        JSON.readTree(after.spec().getValue().toByteArray()).get("hostname").asText());

    CliHarness.Result json = cli.run("update", "--format", "json", "one", "--snapshot-key", "s2");
    assertEquals("s2", JSON.readTree(json.out()).get("snapshotKey").asText());
  }

  @Test
  void updateWarnsAboutALabelNoPathSelects() {
    ok("create", "-l", "other=1", "busybox", "one");

    CliHarness.Result r = cli.run("update", "one", "-l", "k=v", "-p", "labels.other");

    assertEquals(0, r.exit());
    assertEquals(List.of("ctrstore: warning: --label k is not applied: no --field-path selects"
        + " labels.k (add -p labels.k)"), r.errLines());
    assertEquals(Map.of(), store.get(DEFAULT, "one").labels()); // containerd's rule, unchanged
    // A path selecting the whole map covers every label given: no warning.
    ok("update", "one", "-l", "k=v", "-p", "labels");
    assertEquals(Map.of("k", "v"), store.get(DEFAULT, "one").labels());
  }

  @Test
  void versionSaysWhichStoreACommandWouldOpenWithoutOpeningIt(@TempDir Path dir) throws Exception {
    CliHarness.Result r = cli.run("-V");
    assertEquals(0, r.exit());
    assertEquals(2, r.outLines().size(), r.out());
    assertTrue(r.outLines().get(0).matches("ctrstore \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), r.out());
    String cwd = Path.of("").toAbsolutePath().toString();
    assertEquals("store: backend jdbc, jdbc:sqlite:" + cwd + "/ctrstore-data/ctrstore.db"
        + " (the default: embedded SQLite under the working directory)", r.outLines().get(1));
    assertEquals(null, cli.lastConfig, "-V opened no store");

    Path config = dir.resolve("c.properties");
    Files.writeString(config, "ctrstore.jdbc.url=jdbc:mysql://db:3306/ctr?user=u&password=s3cret\n");
    cli.env.put("CTRSTORE_JDBC_PASSWORD", "not-shown");
    assertEquals("store: backend jdbc, jdbc:mysql://db:3306/ctr?user=u&password=****;"
        + " configuration from " + config, cli.run("--config", config.toString(), "-V").outLines().get(1));
  }

  @Test
  void helpNamesTheDefaultDatabaseFileAndThatItIsRelativeToTheWorkingDirectory() {
    String help = cli.run("--help").out();
    assertTrue(help.contains("./ctrstore-data/ctrstore.db, relative to the working directory,"
        + " now:\n  " + System.getProperty("user.dir") + "\n"), help);
  }

  @Test
  void updateErrors() {
    ok("create", "busybox", "one");
    CliHarness.Result nothing = cli.run("update", "one");
    assertEquals(2, nothing.exit());
    assertEquals(1, nothing.errLines().size());
    assertTrue(nothing.err().startsWith("ctrstore: nothing to update"), nothing.err());

    assertOneLineError(cli.run("update", "nope", "--image", "x"), 1,
        "container \"nope\" in namespace \"default\": not found");
    CliHarness.Result badPath = cli.run("update", "one", "-p", "runtime");
    assertEquals(1, badPath.exit());
    assertEquals(List.of("ctrstore: cannot update \"runtime\" field on \"one\""), badPath.errLines());
  }

  @Test
  void rmDeletesEveryIdAndReportsEachFailure() {
    ok("create", "busybox", "a");
    ok("create", "busybox", "b");
    ok("create", "busybox", "c");

    CliHarness.Result r = cli.run("rm", "a", "missing", "c");

    assertEquals(1, r.exit());
    assertEquals(List.of("ctrstore: container \"missing\" in namespace \"default\": not found"),
        r.errLines());
    assertEquals(List.of("b"), store.list(DEFAULT).stream().map(Container::id).toList());
    Assertions.assertThrows(NotFoundException.class, () -> store.get(DEFAULT, "a"));

    CliHarness.Result json = cli.run("delete", "--format", "json", "b");
    assertEquals(0, json.exit());
    assertEquals("[\"b\"]", json.out().replaceAll("\\s", ""));
    assertTrue(store.list(DEFAULT).isEmpty());
  }

  @Test
  void namespaceFromOptionBeforeOrAfterTheCommandOrFromTheEnvironment() {
    ok("-n", "team-a", "create", "busybox", "one");
    ok("create", "--namespace", "team-b", "busybox", "two");
    cli.env.put(Ctrstore.NAMESPACE_ENV, "team-c");
    ok("create", "busybox", "three");

    assertEquals("one", store.get(Context.withNamespace("team-a"), "one").id());
    assertEquals("two", store.get(Context.withNamespace("team-b"), "two").id());
    assertEquals("three", store.get(Context.withNamespace("team-c"), "three").id());
    assertTrue(store.list(DEFAULT).isEmpty());

    // -n wins over the environment.
    assertEquals(List.of("two"), cli.run("ls", "-q", "-n", "team-b").outLines());
    assertEquals(List.of("three"), cli.run("ls", "-q").outLines());
  }

  @Test
  void invalidNamespaceIsReportedInOneLine() {
    assertOneLineError(cli.run("-n", "no/slashes", "ls"), 1,
        "namespace \"no/slashes\": must match [A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*");
  }

  @Test
  void configFileIsHandedToTheOpener(@TempDir Path dir) {
    Path config = dir.resolve("ctrstore.properties");
    ok("--config", config.toString(), "ls");
    assertEquals(config, cli.lastConfig);
    ok("ls");
    assertEquals(null, cli.lastConfig);
  }

  @Test
  void usageErrorsExitTwoWithOneLine() {
    CliHarness.Result unknown = cli.run("ls", "--bogus");
    assertEquals(2, unknown.exit());
    assertEquals(List.of("ctrstore: Unknown option: '--bogus' (see 'ctrstore ls --help')"),
        unknown.errLines());

    CliHarness.Result missing = cli.run("info");
    assertEquals(2, missing.exit());
    assertEquals(List.of("ctrstore: Missing required parameter: 'ID' (see 'ctrstore info --help')"),
        missing.errLines());

    CliHarness.Result format = cli.run("--format", "yaml", "ls");
    assertEquals(2, format.exit());
    assertEquals(1, format.errLines().size());
    assertTrue(format.err().contains("--format"), format.err());

    CliHarness.Result none = cli.run();
    assertEquals(2, none.exit());
    assertEquals(List.of("ctrstore: a command is required: ls, info, create, label, update, rm,"
        + " events, export, import, copy, verify or import-containerd (see 'ctrstore --help')"),
        none.errLines());

    CliHarness.Result rm = cli.run("rm");
    assertEquals(2, rm.exit());
    assertFalse(rm.err().contains("\tat "), rm.err());
  }

  @Test
  void helpListsTheCommands() {
    CliHarness.Result r = cli.run("--help");
    assertEquals(0, r.exit());
    for (String command : List.of("ls", "info", "create", "label", "update", "rm")) {
      assertTrue(r.out().contains("\n  " + command), () -> command + " in " + r.out());
    }
  }
}
