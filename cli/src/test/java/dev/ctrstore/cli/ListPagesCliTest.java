package dev.ctrstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.memory.MemoryStoreProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ctrstore ls --limit N [--page-token T]}: one page at a time, as table, ids or json. */
class ListPagesCliTest {
  private static final Context DEFAULT = Context.withNamespace("default");
  private static final String PREFIX = "next page token: ";

  private Store store;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    store = MemoryStoreProvider.openStore();
    cli = CliHarness.sharing(store);
    for (int i = 1; i <= 5; i++) {
      store.create(DEFAULT, Container.builder().id("c" + i).runtime("rt").ociSpec("{}")
          .label("odd", i % 2 == 1 ? "yes" : "no").build());
    }
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void aTableEndsWithTheTokenOfTheNextPage() {
    CliHarness.Result first = cli.run("ls", "--limit", "2");
    assertEquals(0, first.exit(), first.err());
    List<String> lines = first.outLines();
    assertEquals(4, lines.size(), first.out());
    assertTrue(lines.get(1).startsWith("c1 ") && lines.get(2).startsWith("c2 "), first.out());
    assertTrue(lines.get(3).startsWith(PREFIX), first.out());
    String token = lines.get(3).substring(PREFIX.length());

    CliHarness.Result second = cli.run("ls", "--limit", "2", "--page-token", token);
    assertTrue(second.outLines().get(1).startsWith("c3 "), second.out());
  }

  @Test
  void quietPagesWalkEveryIdWithTheTokenOnStderr() {
    List<String> ids = new ArrayList<>();
    List<String> args = new ArrayList<>(List.of("ls", "-q", "--limit", "2", "labels.odd==yes"));
    for (int pages = 0; pages < 5; pages++) {
      CliHarness.Result r = cli.run(args.toArray(String[]::new));
      assertEquals(0, r.exit(), r.err());
      ids.addAll(r.outLines());
      if (r.err().isEmpty()) {
        break;
      }
      String token = r.errLines().get(0).substring(PREFIX.length());
      args = new ArrayList<>(List.of("ls", "-q", "--limit", "2", "--page-token", token,
          "labels.odd==yes"));
    }
    assertEquals(List.of("c1", "c3", "c5"), ids);
  }

  @Test
  void jsonHoldsContainersAndTheNextToken() throws Exception {
    CliHarness.Result r = cli.run("--format", "json", "ls", "--limit", "3");
    JsonNode page = new ObjectMapper().readTree(r.out());
    assertEquals(3, page.get("containers").size());
    assertEquals("c1", page.get("containers").get(0).get("id").asText());
    String token = page.get("nextPageToken").asText();
    JsonNode last = new ObjectMapper().readTree(
        cli.run("--format", "json", "ls", "-q", "--limit", "3", "--page-token", token).out());
    assertEquals("[\"c4\",\"c5\"]", last.get("containers").toString());
    assertTrue(last.get("nextPageToken").isNull());
  }

  @Test
  void aTokenUsedWithOtherFiltersIsAnInvalidArgument() {
    String token = cli.run("ls", "--limit", "1").outLines().get(2).substring(PREFIX.length());
    CliHarness.Result r = cli.run("ls", "--limit", "1", "--page-token", token, "labels.odd");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("page_token") && r.err().contains("other filters"), r.err());
    CliHarness.Result zero = cli.run("ls", "--limit", "0");
    assertTrue(zero.err().contains("limit"), zero.err());
  }
}
