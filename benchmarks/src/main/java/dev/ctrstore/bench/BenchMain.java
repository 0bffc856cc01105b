package dev.ctrstore.bench;

import dev.ctrstore.Store;
import dev.ctrstore.bench.Fixtures.Backend;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The one command of docs/benchmarks.md: prepares the fixtures, measures their size, runs
 * {@link StoreBenchmark} and {@link RawJdbcBenchmark} with JMH, and writes the table with the
 * ratios of the targets in docs/benchmarks.md to {@code target/bench-results/results.md} (JMH's JSON beside it).
 *
 * <p>Options: {@code --quick} (N=1000, short iterations, for trying the harness),
 * {@code --backends=memory,h2,mariadb}, {@code --sizes=1000,10000,100000}, {@code --forks=1},
 * {@code --wi=2 --i=3 --w=2 --r=2} (JMH warm-up/measurement iterations and seconds),
 * {@code --include=REGEX} (benchmark methods), {@code --keep} (keep the H2 files and MariaDB
 * databases for the next run instead of dropping them at the end).
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("backends", "memory,h2,mariadb");
    o.put("sizes", "1000,10000,100000");
    o.put("forks", "1");
    o.put("wi", "2");
    o.put("i", "3");
    o.put("w", "2");
    o.put("r", "2");
    o.put("include", ".*");
    o.put("keep", "false");
    o.put("out", "target/bench-results");
    for (String a : args) {
      if (a.equals("--quick")) {
        o.put("sizes", "1000");
        o.put("wi", "1");
        o.put("i", "2");
        o.put("w", "1");
        o.put("r", "1");
      } else if (a.equals("--full")) {
        // the defaults
      } else if (a.equals("--keep")) {
        o.put("keep", "true");
      } else if (a.startsWith("--") && a.contains("=")) {
        String k = a.substring(2, a.indexOf('='));
        if (!o.containsKey(k)) {
          throw new IllegalArgumentException("unknown option " + a);
        }
        o.put(k, a.substring(a.indexOf('=') + 1));
      } else if (!a.isBlank()) {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    List<Backend> backends = new ArrayList<>();
    for (String b : o.get("backends").split(",")) {
      backends.add(Backend.of(b.trim()));
    }
    List<Integer> sizes = new ArrayList<>();
    for (String s : o.get("sizes").split(",")) {
      sizes.add(Integer.parseInt(s.trim()));
    }
    Path out = Paths.get(o.get("out")).toAbsolutePath();
    Files.createDirectories(out);
    Path dataDir = Fixtures.dataDir();
    Files.createDirectories(dataDir);

    Report report = new Report(backends, sizes);
    report.setting("started", Instant.now().toString());
    report.setting("load average at start", loadavg());
    report.setting("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    report.setting("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    report.setting("JMH", "-f " + o.get("forks") + " -wi " + o.get("wi") + " -i " + o.get("i")
        + " -w " + o.get("w") + "s -r " + o.get("r") + "s; creates and deletes: single-shot"
        + " batches of " + StoreBenchmark.BATCH + " per iteration; single-threaded");
    report.setting("forked JVM", "-Xmx2g");
    report.setting("H2 URL", "jdbc:h2:file:<dir>/ctrstore;WRITE_DELAY=0 (H2 " + h2Version() + ")");
    if (backends.contains(Backend.MARIADB)) {
      report.setting("MariaDB", mysqlSettings());
    }

    // 1. Fixtures and their sizes, before JMH forks reuse them.
    for (Backend b : backends) {
      for (int n : sizes) {
        long t0 = System.nanoTime();
        if (b == Backend.MEMORY) {
          long before = usedHeap();
          Store s = Fixtures.openLoaded(b, n);
          long after = usedHeap();
          report.size(b, n, after - before, "heap after GC");
          java.lang.ref.Reference.reachabilityFence(s);
          s.close();
        } else {
          Store s = Fixtures.openLoaded(b, n);
          try {
            if (b == Backend.H2) {
              // The file right after the load, and once the backend's housekeeping has run with
              // writes paused (what a long-running process holds), before the store closes.
              long loaded = Fixtures.sizeOnDisk(b, n);
              long settled = settle(() -> Fixtures.sizeOnDisk(b, n));
              report.note(String.format(Locale.ROOT,
                  "H2 N=%d: file %.1f MB right after the load, %.1f MB after writes paused (settled); the table gives the size after close",
                  n, loaded / 1e6, settled / 1e6));
            }
          } finally {
            s.close();
          }
          long bytes = Fixtures.sizeOnDisk(b, n);
          report.size(b, n, bytes, b == Backend.H2 ? "H2 file" : ".ibd files");
          if (b == Backend.MARIADB) {
            report.note(String.format(Locale.ROOT,
                "MariaDB N=%d: data_length+index_length after ANALYZE TABLE = %.1f MB", n,
                Fixtures.innodbSize(n) / 1e6));
          }
        }
        System.out.printf(Locale.ROOT, "# fixture %s N=%d ready in %.1f s%n", b.label(), n,
            (System.nanoTime() - t0) / 1e9);
      }
    }

    // 2. JMH.
    String[] b = backends.stream().map(Backend::label).toArray(String[]::new);
    String[] n = sizes.stream().map(String::valueOf).toArray(String[]::new);
    if (selects(StoreBenchmark.class, o.get("include"))) {
      report.add(run(o, StoreBenchmark.class, b, n, out.resolve("store.json")));
    }
    String[] jdbc = backends.stream().filter(Backend::jdbc).map(Backend::label).toArray(String[]::new);
    if (jdbc.length > 0 && "rawGet".matches(o.get("include"))) {
      report.add(run(o, RawJdbcBenchmark.class, jdbc, n, out.resolve("raw.json")));
    }
    if (jdbc.length > 0 && Stream.of("rawCreate", "rawUpdate", "rawDelete")
        .anyMatch(m -> m.matches(o.get("include")))) {
      report.add(run(o, RawWriteBenchmark.class, jdbc, n, out.resolve("raw-writes.json")));
    }
    report.setting("finished", Instant.now().toString());
    report.setting("load average at end", loadavg());

    // 3. The table.
    String md = report.markdown();
    Files.writeString(out.resolve("results.md"), md);
    System.out.println();
    System.out.println(md);
    System.out.println("# written to " + out.resolve("results.md"));

    if (!Boolean.parseBoolean(o.get("keep"))) {
      for (Backend be : backends) {
        for (int size : sizes) {
          Fixtures.drop(be, size);
        }
      }
    }
  }

  /** Whether {@code include} selects any benchmark method of {@code type} (JMH fails on none). */
  private static boolean selects(Class<?> type, String include) {
    return java.util.Arrays.stream(type.getMethods())
        .filter(m -> m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class))
        .anyMatch(m -> m.getName().matches(include));
  }

  /**
   * Waits until {@code size} has not changed for 12 s (at most 90 s); returns the last size. (The
   * housekeeping shrinks the file in steps, with some seconds between them.)
   */
  private static long settle(java.util.function.LongSupplier size) throws InterruptedException {
    long last = size.getAsLong();
    long stableSince = System.nanoTime();
    long end = System.nanoTime() + 90_000_000_000L;
    while (System.nanoTime() - stableSince < 12_000_000_000L && System.nanoTime() < end) {
      Thread.sleep(250);
      long now = size.getAsLong();
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      }
    }
    return last;
  }

  private static Collection<RunResult> run(Map<String, String> o, Class<?> benchmark,
      String[] backends, String[] sizes, Path json) throws RunnerException {
    ChainedOptionsBuilder ob = new OptionsBuilder()
        .include(benchmark.getName() + "\\.(" + o.get("include") + ")$")
        .param("backend", backends)
        .param("n", sizes)
        .forks(Integer.parseInt(o.get("forks")))
        .warmupIterations(Integer.parseInt(o.get("wi")))
        .measurementIterations(Integer.parseInt(o.get("i")))
        .warmupTime(TimeValue.seconds(Long.parseLong(o.get("w"))))
        .measurementTime(TimeValue.seconds(Long.parseLong(o.get("r"))))
        .threads(1)
        .jvmArgsAppend("-Xmx2g", "-Dbench.dir=" + Fixtures.dataDir(),
            "-Dbench.mysql.server=" + Fixtures.mysqlServer(),
            "-Dbench.mysql.user=" + Fixtures.mysqlUser())
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString())
        .shouldFailOnError(true);
    return new Runner(ob.build()).run();
  }

  private static long usedHeap() {
    for (int k = 0; k < 4; k++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  static String loadavg() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).trim();
    } catch (IOException e) {
      return String.format(Locale.ROOT, "%.2f",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String h2Version() {
    try {
      return org.h2.engine.Constants.FULL_VERSION;
    } catch (Throwable t) {
      return "?";
    }
  }

  private static String mysqlSettings() {
    try (Connection c = DriverManager.getConnection(Fixtures.mysqlServer() + "?user=" + Fixtures.mysqlUser());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT VERSION(), @@innodb_flush_log_at_trx_commit,"
            + " @@sync_binlog, @@log_bin, @@innodb_doublewrite, @@innodb_flush_method,"
            + " @@innodb_buffer_pool_size, @@tx_isolation")) {
      rs.next();
      return String.format(Locale.ROOT, "%s; innodb_flush_log_at_trx_commit=%s, sync_binlog=%s,"
              + " log_bin=%s, innodb_doublewrite=%s, innodb_flush_method=%s,"
              + " innodb_buffer_pool_size=%d MiB, tx_isolation=%s",
          rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
          rs.getString(6), rs.getLong(7) >> 20, rs.getString(8));
    } catch (SQLException e) {
      return "unavailable: " + e.getMessage();
    }
  }

  // ---------------------------------------------------------------------------------------

  /** Collects scores and prints the table and the ratios of the targets (docs/benchmarks.md). */
  static final class Report {
    final List<Backend> backends;
    final List<Integer> sizes;
    final Map<String, String> settings = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    /** backend/n/method → [score, error] in the benchmark's own unit. */
    final Map<String, double[]> scores = new TreeMap<>();
    final Map<String, String> units = new TreeMap<>();
    final Map<String, long[]> sizeBytes = new TreeMap<>();
    final Map<String, String> sizeWhat = new TreeMap<>();

    Report(List<Backend> backends, List<Integer> sizes) {
      this.backends = backends;
      this.sizes = sizes;
    }

    void setting(String k, String v) {
      settings.put(k, v);
    }

    void note(String s) {
      notes.add(s);
    }

    void size(Backend b, int n, long bytes, String what) {
      sizeBytes.put(b.label() + "/" + n, new long[] {bytes});
      sizeWhat.put(b.label(), what);
    }

    void add(Collection<RunResult> results) {
      for (RunResult r : results) {
        String method = r.getParams().getBenchmark();
        method = method.substring(method.lastIndexOf('.') + 1);
        String key = r.getParams().getParam("backend") + "/" + r.getParams().getParam("n") + "/" + method;
        var p = r.getPrimaryResult();
        scores.put(key, new double[] {p.getScore(), p.getScoreError()});
        units.put(key, p.getScoreUnit());
      }
    }

    /** Operations per second (throughput, or the inverse of a time per operation). */
    double rate(Backend b, int n, String method) {
      double[] s = scores.get(b.label() + "/" + n + "/" + method);
      if (s == null) {
        return Double.NaN;
      }
      String unit = units.get(b.label() + "/" + n + "/" + method);
      return switch (unit) {
        case "ops/s" -> s[0];
        case "us/op" -> 1e6 / s[0];
        case "ms/op" -> 1e3 / s[0];
        default -> Double.NaN;
      };
    }

    /** Milliseconds per operation. */
    double ms(Backend b, int n, String method) {
      return 1e3 / rate(b, n, method);
    }

    double err(Backend b, int n, String method) {
      double[] s = scores.get(b.label() + "/" + n + "/" + method);
      return s == null ? Double.NaN : s[1];
    }

    String markdown() {
      StringBuilder sb = new StringBuilder();
      sb.append("## Settings\n\n");
      settings.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
      for (String note : notes) {
        sb.append("- ").append(note).append('\n');
      }
      for (Backend b : backends) {
        sb.append("\n## ").append(b.label()).append("\n\n| operation |");
        for (int n : sizes) {
          sb.append(String.format(Locale.ROOT, " N = %,d |", n));
        }
        sb.append("\n|---|");
        sizes.forEach(n -> sb.append("---|"));
        sb.append('\n');
        row(sb, b, "create (one transaction each)", "create", true);
        row(sb, b, "get by id", "get", true);
        if (b.jdbc()) {
          row(sb, b, "baseline: raw JDBC PK lookup", "rawGet", true);
        }
        if (b.jdbc()) {
          row(sb, b, "baseline: raw JDBC create (same rows, durable commit)", "rawCreate", true);
        }
        row(sb, b, "update `labels.x`", "update", true);
        if (b.jdbc()) {
          row(sb, b, "baseline: raw JDBC update", "rawUpdate", true);
        }
        row(sb, b, "delete", "delete", true);
        if (b.jdbc()) {
          row(sb, b, "baseline: raw JDBC delete", "rawDelete", true);
        }
        row(sb, b, "list, no filter (full scan)", "listAll", false);
        row(sb, b, "list `labels.grp==7` (1%)", "listLabelEquals", false);
        row(sb, b, "list `labels.k7` presence (1%)", "listLabelPresent", false);
        row(sb, b, "list `id==<one id>`", "listId", false);
        row(sb, b, "stream, no filter", "streamAll", false);
        sb.append("| size (").append(sizeWhat.getOrDefault(b.label(), "")).append(") |");
        for (int n : sizes) {
          long[] s = sizeBytes.get(b.label() + "/" + n);
          sb.append(s == null || s[0] < 0 ? " – |" : String.format(Locale.ROOT, " %.1f MB |", s[0] / 1e6));
        }
        sb.append('\n');
      }
      sb.append("\n## Ratios (targets of docs/benchmarks.md)\n\n| backend | N | target | measured | met |\n|---|---|---|---|---|\n");
      for (Backend b : backends) {
        for (int n : sizes) {
          double all = ms(b, n, "listAll");
          if (n == 100_000) { // the list targets are stated at 100,000
          ratio(sb, b, n, "full scan / `id==` ≥ 100×", all / ms(b, n, "listId"), 100, true, "×");
          ratio(sb, b, n, "full scan / `labels.grp==7` ≥ 30×", all / ms(b, n, "listLabelEquals"), 30, true, "×");
          ratio(sb, b, n, "full scan / `labels.k7` ≥ 30×", all / ms(b, n, "listLabelPresent"), 30, true, "×");
          ratio(sb, b, n, "260 ms / `labels.grp==7` ≥ 10×", 260 / ms(b, n, "listLabelEquals"), 10, true, "×");
          ratio(sb, b, n, "260 ms / `labels.k7` ≥ 10×", 260 / ms(b, n, "listLabelPresent"), 10, true, "×");
          }
          if (b.jdbc()) {
            ratio(sb, b, n, "get / raw PK lookup ≥ 0.80", rate(b, n, "get") / rate(b, n, "rawGet"), 0.8, true, "");
            ratio(sb, b, n, "create ≥ 3,000/s", rate(b, n, "create"), 3000, true, "/s");
            ratio(sb, b, n, "update ≥ 3,900/s", rate(b, n, "update"), 3900, true, "/s");
            ratio(sb, b, n, "delete ≥ 4,200/s", rate(b, n, "delete"), 4200, true, "/s");
            // Not targets: how close the store's writes come to the database's own cost.
            info(sb, b, n, "create / raw create", rate(b, n, "create") / rate(b, n, "rawCreate"));
            info(sb, b, n, "update / raw update", rate(b, n, "update") / rate(b, n, "rawUpdate"));
            info(sb, b, n, "delete / raw delete", rate(b, n, "delete") / rate(b, n, "rawDelete"));
            long[] s = sizeBytes.get(b.label() + "/" + n);
            if (n == 100_000 && s != null) {
              ratio(sb, b, n, "size ≤ 210 MB", s[0] / 1e6, 210, false, " MB");
            }
          } else {
            ratio(sb, b, n, "get ≥ 2,000,000/s (10× 200k/s)", rate(b, n, "get"), 2_000_000, true, "/s");
            if (n == 100_000) {
              ratio(sb, b, n, "list `labels.grp==7` (1%) < 1 ms", ms(b, n, "listLabelEquals"), 1, false, " ms");
              ratio(sb, b, n, "list `labels.k7` (1%) < 1 ms", ms(b, n, "listLabelPresent"), 1, false, " ms");
            }
          }
        }
      }
      return sb.toString();
    }

    private void row(StringBuilder sb, Backend b, String name, String method, boolean rate) {
      sb.append("| ").append(name).append(" |");
      for (int n : sizes) {
        double r = rate(b, n, method);
        if (Double.isNaN(r)) {
          sb.append(" – |");
        } else if (rate) {
          sb.append(String.format(Locale.ROOT, " %,.0f/s |", r));
        } else {
          double ms = 1e3 / r;
          sb.append(ms < 0.1 ? String.format(Locale.ROOT, " %.3f ms |", ms)
              : ms < 10 ? String.format(Locale.ROOT, " %.2f ms |", ms)
              : String.format(Locale.ROOT, " %.0f ms |", ms));
        }
      }
      sb.append('\n');
    }

    private static void info(StringBuilder sb, Backend b, int n, String what, double value) {
      if (!Double.isNaN(value)) {
        sb.append(String.format(Locale.ROOT, "| %s | %,d | %s | %.2f | (no target) |%n", b.label(), n, what, value));
      }
    }

    private static void ratio(StringBuilder sb, Backend b, int n, String target, double value,
        double bound, boolean atLeast, String unit) {
      if (Double.isNaN(value)) {
        return;
      }
      boolean met = atLeast ? value >= bound : value <= bound;
      String v = value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
          : String.format(Locale.ROOT, "%.2f", value);
      sb.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s%s | %s |%n", b.label(), n,
          target, v, unit, met ? "yes" : "**no**"));
    }
  }
}
