package dev.ctrstore.bench;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.jdbc.JdbcStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Several processes writing one embedded store at once (issue #14: "a multi-process run, 4
 * processes writing one embedded store"). This JVM starts {@code P} writer JVMs (this class with
 * {@code --writer}) on one SQLite file; each opens the store, says {@code ready}, and runs each
 * phase when told: {@code create} (its {@code N} containers, one call each), {@code update}
 * ({@code labels.x} of each), {@code delete} (each). A phase's rate is {@code P × N} over the
 * wall-clock time from the parent's go to the last writer's {@code done}, so JVM start-up and
 * the store's open are outside it. All writers share one namespace, so they also share its
 * revision counter, as the CLI and an application on one file would. After the creates the
 * parent checks the store holds all {@code P × N} containers with revisions 1… without a gap.
 * With {@code --warm} every writer first runs the three phases once, untimed, in another
 * namespace, so the timed round measures JIT-compiled writers; without it the round includes
 * each fresh JVM's warm-up, as a script of CLI commands does.
 *
 * <p>Arguments: processes (default 4), writes per process (default 500), backend {@code sqlite}
 * (default) or {@code mariadb} (a server database, for comparison), and optionally {@code
 * --warm}. The SQLite file is
 * {@code target/bench-data/sqlite-mp/ctrstore.db}, made afresh.
 */
public final class MultiProcessWriteMain {
  private MultiProcessWriteMain() {}

  private static final String[] PHASES = {"create", "update", "delete"};

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--writer")) {
      writer(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      return;
    }
    if (args.length > 0 && args[0].equals("--full")) {
      args = new String[0];
    }
    int processes = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int writes = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    String backend = args.length > 2 ? args[2] : "sqlite";
    boolean warm = args.length > 3 && args[3].equals("--warm");
    String url = switch (backend) {
      case "sqlite" -> {
        Path dir = Fixtures.dataDir().resolve("sqlite-mp");
        Fixtures.deleteTree(dir);
        yield "jdbc:sqlite:" + dir.resolve("ctrstore.db");
      }
      case "mariadb" -> Fixtures.freshMysqlDatabase("ctrstore_bench_mp");
      default -> throw new IllegalArgumentException("backend: sqlite or mariadb, got " + backend);
    };
    String ns = "mp-" + UUID.randomUUID();
    try (Store migrated = JdbcStores.open(url)) {
      migrated.revision(Context.withNamespace(ns)); // the schema exists before the writers race
    }
    List<Process> writers = new ArrayList<>();
    List<BufferedReader> outs = new ArrayList<>();
    List<PrintWriter> ins = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      Process w = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          MultiProcessWriteMain.class.getName(), "--writer", url, Integer.toString(p),
          Integer.toString(writes)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      writers.add(w);
      outs.add(new BufferedReader(new InputStreamReader(w.getInputStream(), StandardCharsets.UTF_8)));
      ins.add(new PrintWriter(w.getOutputStream(), true, StandardCharsets.UTF_8));
    }
    for (BufferedReader out : outs) {
      expect(out, "ready");
    }
    if (warm) {
      String warmNs = "warm-" + UUID.randomUUID();
      for (String phase : PHASES) {
        ins.forEach(in -> in.println(phase + " " + warmNs));
        for (BufferedReader out : outs) {
          expect(out, "done");
        }
      }
    }
    StringBuilder report = new StringBuilder();
    for (String phase : PHASES) {
      long start = System.nanoTime();
      ins.forEach(in -> in.println(phase + " " + ns));
      for (BufferedReader out : outs) {
        expect(out, "done");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      String row = String.format(Locale.ROOT, "| %s | %d × %d%s | %s | %.0f/s | %.2f s | load %s |",
          backend, processes, writes, warm ? ", warmed" : "", phase, processes * writes / seconds,
          seconds, LoadAverage.now());
      System.out.println(row);
      report.append(row).append('\n');
      if (phase.equals("create")) {
        check(url, ns, (long) processes * writes);
      }
    }
    ins.forEach(in -> in.println("exit"));
    for (Process w : writers) {
      if (w.waitFor() != 0) {
        throw new IllegalStateException("a writer JVM failed");
      }
    }
    System.out.println();
    System.out.println("| backend | processes × writes | phase | rate | time | load (1 5 15 min) |");
    System.out.println("|---|---|---|---:|---:|---|");
    System.out.print(report);
  }

  /** Every create is there, and the namespace's revisions are 1..count with no gap. */
  private static void check(String url, String ns, long count) {
    Context ctx = Context.withNamespace(ns);
    try (Store s = JdbcStores.open(url)) {
      List<Container> all = s.list(ctx);
      long[] revisions = all.stream().mapToLong(Container::revision).sorted().toArray();
      for (int i = 0; i < revisions.length; i++) {
        if (revisions[i] != i + 1) {
          throw new IllegalStateException("revision " + (i + 1) + " missing, found " + revisions[i]);
        }
      }
      if (all.size() != count || s.revision(ctx) != count) {
        throw new IllegalStateException(all.size() + " containers at revision " + s.revision(ctx)
            + ", expected " + count);
      }
    }
  }

  private static void expect(BufferedReader out, String word) throws IOException {
    String line = out.readLine();
    if (!word.equals(line)) {
      throw new IllegalStateException("writer said " + line + ", expected " + word);
    }
  }

  /** A writer JVM: opens the store, then runs each phase its stdin names on its own ids. */
  private static void writer(String url, int index, int writes) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (Store store = JdbcStores.open(url)) {
      System.out.println("ready");
      System.out.flush();
      for (String line = in.readLine(); line != null && !line.equals("exit");
          line = in.readLine()) {
        String phase = line.substring(0, line.indexOf(' '));
        Context ctx = Context.withNamespace(line.substring(line.indexOf(' ') + 1));
        for (int i = 0; i < writes; i++) {
          int n = index * writes + i;
          String id = "p" + index + "-" + Fixtures.id(n);
          switch (phase) {
            case "create" -> store.create(ctx, Fixtures.container(id, n));
            case "update" -> store.update(ctx,
                Container.builder().id(id).label("x", "u" + n).build(), "labels.x");
            case "delete" -> store.delete(ctx, id);
            default -> throw new IllegalArgumentException(phase);
          }
        }
        System.out.println("done");
        System.out.flush();
      }
    }
  }
}
