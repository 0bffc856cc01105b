package dev.ctrstore.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.OciSpecs;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.memory.MemoryStoreProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the quickstart and checks what it printed and what it left in the store. */
class QuickstartTest {
  private static List<String> run(Store store) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Quickstart.run(store, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  static void assertTour(Store store) {
    List<String> lines = run(store);

    assertEquals(List.of(
        "labels.env==prod: [db-1, web-1]",
        "labels.backup (present): [db-1]",
        "image~=redis: [db-1]",
        "labels.tier==web,labels.env!=prod: [web-2]",
        "labels.tier==db OR labels.env==staging: [db-1, web-2]",
        "web-2 labels after update: {env=prod, tier=web}",
        "db-1 now: image=docker.io/library/redis:7.4 labels={env=prod, tier=db}",
        "NOT_FOUND: container \"web-9\" in namespace \"quickstart\": not found",
        "INVALID_ARGUMENT: container id \"Not OK!\": must match [A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*",
        "remaining: [db-1, web-1]"), lines.subList(1, lines.size()));
    assertEquals(true, lines.get(0).startsWith("created db-1 at "), lines.get(0));

    Context ctx = Context.withNamespace("quickstart");
    assertEquals(List.of("db-1", "web-1"), store.list(ctx).stream().map(Container::id).toList());
    assertEquals(Map.of("env", "prod", "tier", "db"), store.get(ctx, "db-1").labels());
    assertEquals(OciSpecs.TYPE_URL, store.get(ctx, "web-1").spec().getTypeUrl());
    assertEquals(true, OciSpecs.toJson(store.get(ctx, "web-1").spec()).contains("\"hostname\":\"web-1\""));

    // It cleans up after an earlier run, so it can run again over the same database.
    assertEquals(lines.subList(1, lines.size()), run(store).subList(1, lines.size()));
  }

  @Test
  void tourOnTheDefaultEmbeddedSqlite(@TempDir Path dir) {
    // What main() opens, with the database file moved out of the working directory.
    Properties props = new Properties();
    props.setProperty("ctrstore.backend", "jdbc");
    props.setProperty("ctrstore.jdbc.url", "jdbc:sqlite:" + dir.resolve("ctrstore.db"));
    try (Store store = Stores.open(props)) {
      assertTour(store);
    }
  }

  @Test
  void tourOnEmbeddedH2(@TempDir Path dir) {
    Properties props = new Properties();
    props.setProperty("ctrstore.backend", "jdbc");
    props.setProperty("ctrstore.jdbc.url", "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0");
    try (Store store = Stores.open(props)) {
      assertTour(store);
    }
  }

  @Test
  void tourOnTheMemoryBackend() {
    try (Store store = MemoryStoreProvider.openStore()) {
      assertTour(store);
    }
  }
}
