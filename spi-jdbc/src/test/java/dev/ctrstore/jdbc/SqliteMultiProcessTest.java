package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.StoreConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one SQLite file, by design: four JVMs open stores on a new file at once
 * (racing to create the schema), then write into one namespace at the same moment. Every write
 * of every process is there afterwards, and the namespace's revisions count them all, without a
 * gap, in one order.
 */
class SqliteMultiProcessTest {
  private static final int PROCESSES = 4;
  private static final int PER_PROCESS = 100;

  @TempDir Path dir;

  @Test
  void parallelProcessesLoseNoWrite() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("shared.db");
    Path go = dir.resolve("go");
    List<Process> processes = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      processes.add(new ProcessBuilder(List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"),
              "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
              ParallelWriter.class.getName(), url, go.toString(), "p" + p,
              String.valueOf(PER_PROCESS)))
          .redirectErrorStream(true)
          .start());
    }
    // All four open their stores at once; each says "ready" (among its log lines) when open.
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    List<CompletableFuture<String>> outputs = new ArrayList<>();
    for (Process proc : processes) {
      CompletableFuture<Void> isReady = new CompletableFuture<>();
      ready.add(isReady);
      outputs.add(CompletableFuture.supplyAsync(() -> {
        StringBuilder sb = new StringBuilder();
        new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))
            .lines().forEach(l -> {
              sb.append(l).append('\n');
              if (l.equals("ready")) {
                isReady.complete(null);
              }
            });
        isReady.complete(null); // exited without it: the exit code below says why
        return sb.toString();
      }));
    }
    CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    Files.createFile(go);
    for (int p = 0; p < PROCESSES; p++) {
      Process proc = processes.get(p);
      assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "process " + p + " finished");
      String out = outputs.get(p).get(10, TimeUnit.SECONDS);
      assertEquals(0, proc.exitValue(), out);
      assertTrue(out.contains("done " + PER_PROCESS), out);
    }
    Context ctx = Context.withNamespace("mp");
    JdbcStorage storage = JdbcStoreProvider.openStorage(
        StoreConfig.of(Map.of(JdbcStoreProvider.URL, url)));
    try (Store s = Stores.over(storage)) {
      List<Container> all = s.list(ctx);
      assertEquals(PROCESSES * PER_PROCESS, all.size());
      assertTrue(all.stream().allMatch(c -> "1".equals(c.labels().get("x"))), "every update landed");
      long writes = 2L * PROCESSES * PER_PROCESS;
      assertEquals(writes, s.revision(ctx));
      List<Event> log = storage.events(ctx, "mp", 0, (int) writes + 1).events();
      assertEquals(writes, log.size());
      for (int i = 0; i < log.size(); i++) {
        assertEquals(i + 1, log.get(i).revision());
      }
    }
  }

  /**
   * Writers of different processes queue on the OS lock beside the file ({@link WriterGate}):
   * while this JVM holds it, another process's write waits for it and gives up at its deadline
   * with nothing written; once it is free, the same write goes through.
   */
  @Test
  void aWriteInAnotherProcessWaitsForTheHeldWriterLockUntilItsDeadline() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("gated.db");
    try (Store s = JdbcStores.open(url)) {
      s.revision(Context.withNamespace("gate")); // schema in place before the child opens it
    }
    WriterGate gate = WriterGate.of(url);
    gate.enter(Context.empty());
    String blocked;
    try {
      assertTrue(Files.exists(dir.resolve("gated.db-writer.lock")), "the lock file");
      blocked = runChild(url, "one", 1000);
    } finally {
      gate.leave();
    }
    assertEquals("DEADLINE_EXCEEDED", blocked.lines().reduce((a, b) -> b).orElseThrow()
        .split(" ")[0], blocked);
    assertTrue(blocked.contains("other processes' SQLite writers"), blocked);
    // A generous deadline now: a fresh JVM's first write is slow on a loaded machine.
    assertEquals("created one at revision 1", runChild(url, "one", 60_000).strip());
  }

  private String runChild(String url, String id, int deadlineMillis) throws Exception {
    Process p = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            DeadlineWriter.class.getName(), url, id, Integer.toString(deadlineMillis)))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  /** The child: one create with the given deadline (ms); prints its revision or the error. */
  public static final class DeadlineWriter {
    public static void main(String[] args) {
      try (Store s = JdbcStores.open(args[0])) {
        Context ctx = Context.withNamespace("gate").withTimeout(java.time.Duration.ofMillis(Integer.parseInt(args[2])));
        long rev = s.create(ctx, Container.builder().id(args[1]).runtime("rt")
            .spec(com.google.protobuf.Any.getDefaultInstance()).build()).revision();
        System.out.println("created " + args[1] + " at revision " + rev);
      } catch (dev.ctrstore.StoreException e) {
        System.out.println(e.kind() + " " + e.getMessage());
      }
    }
  }
}
