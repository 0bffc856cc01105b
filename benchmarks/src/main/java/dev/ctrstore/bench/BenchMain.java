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
 * {@code --backends=memory,h2,mariadb,sqlite}, {@code --sizes=1000,10000,100000}, {@code --forks=1},
 * {@code --threads=1} (JMH {@code -t}: writers at once; single-shot creates and deletes are
 * then reported as the threads' combined rate),
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
    o.put("threads", "1");
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

    BenchReport report = new BenchReport(backends, sizes);
    report.setting("started", Instant.now().toString());
    report.setting("load average at start", loadavg());
    report.setting("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    report.setting("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    report.setting("JMH", "-f " + o.get("forks") + " -wi " + o.get("wi") + " -i " + o.get("i")
        + " -w " + o.get("w") + "s -r " + o.get("r") + "s; creates and deletes: single-shot"
        + " batches of " + StoreBenchmark.BATCH + " per iteration and thread; " + o.get("threads")
        + " thread(s) (-t)");
    report.setting("forked JVM", "-Xmx2g");
    report.setting("H2 URL", "jdbc:h2:file:<dir>/ctrstore;WRITE_DELAY=0 (H2 " + h2Version() + ")");
    if (backends.contains(Backend.SQLITE)) {
      report.setting("SQLite URL", "jdbc:sqlite:<dir>/ctrstore.db (the dialect's WAL,"
          + " synchronous=FULL, busy_timeout=10000; sqlite-jdbc " + sqliteVersion() + ")");
    }
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
          report.size(b, n, bytes, b == Backend.H2 ? "H2 file"
              : b == Backend.SQLITE ? "SQLite file and WAL" : ".ibd files");
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
        .threads(Integer.parseInt(o.get("threads")))
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

  private static String sqliteVersion() {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:")) {
      return c.getMetaData().getDriverVersion() + ", SQLite "
          + c.getMetaData().getDatabaseProductVersion();
    } catch (java.sql.SQLException e) {
      return "?";
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
}
