package dev.ctrstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.RevisionCompactedException;
import dev.ctrstore.Store;
import dev.ctrstore.jdbc.JdbcStoreProvider;
import dev.ctrstore.jdbc.JdbcStores;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ctrstore events}: every invocation opens its own store on one H2 database, as separate
 * runs of the command would, and sees what another store wrote: from a revision, as a table or
 * as JSON lines, as they happen, and a refusal when the revision was compacted.
 */
class EventsCliTest {
  private static final Context DEFAULT = Context.withNamespace("default");

  private final String url = "jdbc:h2:mem:events-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private Store store;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    store = JdbcStores.open(url);
    cli = new CliHarness(config -> JdbcStores.open(url));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static Container container(String id, String image) {
    return Container.builder().id(id).image(image).runtime("io.containerd.runc.v2").ociSpec("{}")
        .build();
  }

  @Test
  void aTableFromARevisionThenJsonLinesWithTheWholeContainer() throws Exception {
    Container a = store.create(DEFAULT, container("a", "redis:7"));
    store.update(DEFAULT, container("a", "redis:8"));
    store.delete(DEFAULT, "a");

    CliHarness.Result table = cli.run("events", "--after", "1", "--count", "2");
    assertEquals(0, table.exit(), table.err());
    assertEquals(List.of("2 /containers/update a redis:8", "3 /containers/delete a redis:8"),
        table.outLines());

    CliHarness.Result json = cli.run("--format", "json", "events", "--after", "0", "--count", "3");
    assertEquals(0, json.exit(), json.err());
    List<String> lines = json.outLines();
    assertEquals(3, lines.size(), json.out());
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertEquals(a.revision(), first.get("revision").asLong());
    assertEquals("created", first.get("type").asText());
    assertEquals("/containers/create", first.get("topic").asText());
    assertEquals("default", first.get("namespace").asText());
    assertEquals("a", first.get("id").asText());
    assertEquals("redis:7", first.get("container").get("image").asText());
    assertEquals("deleted", new ObjectMapper().readTree(lines.get(2)).get("type").asText());
  }

  @Test
  void printsWhatAnotherStoreWritesAsItHappens() throws Exception {
    long now = store.revision(DEFAULT);
    CompletableFuture<CliHarness.Result> running = CompletableFuture.supplyAsync(
        () -> cli.run("events", "--after", Long.toString(now), "--count", "2", "--timeout", "30s"));
    store.create(DEFAULT, container("b", "nginx"));
    store.create(DEFAULT, container("c", ""));
    CliHarness.Result r = running.get(60, TimeUnit.SECONDS);
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of((now + 1) + " /containers/create b nginx",
        (now + 2) + " /containers/create c -"), r.outLines());
  }

  @Test
  void stopsWhenNothingArrivesForTheTimeoutAndRejectsABadOne() {
    store.create(DEFAULT, container("a", "x"));
    CliHarness.Result quiet = cli.run("events", "--timeout", "200ms");
    assertEquals(0, quiet.exit(), quiet.err());
    assertEquals("", quiet.out(), "nothing happened after the current revision");
    CliHarness.Result bad = cli.run("events", "--timeout", "soon");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--timeout"), bad.err());
  }

  @Test
  void aCompactedRevisionTellsTheUserToListAgain() throws Exception {
    try (Store small = JdbcStores.open(Map.of(JdbcStoreProvider.URL, url,
        JdbcStoreProvider.RETENTION, "1"))) {
      for (int i = 0; i < 3; i++) {
        small.create(DEFAULT, container("c" + i, "x"));
      }
      RevisionCompactedException compacted = null;
      for (int i = 0; i < 200 && compacted == null; i++) {
        try {
          small.watch(DEFAULT, 0).close();
          Thread.sleep(50); // compaction runs in the background
        } catch (RevisionCompactedException e) {
          compacted = e;
        }
      }
      assertNotNull(compacted, "the log was compacted");
    }
    CliHarness.Result r = cli.run("events", "--after", "0", "--timeout", "1s");
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("ctrstore: ") && r.err().contains("list again"), r.err());
  }
}
