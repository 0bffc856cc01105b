package dev.ctrstore.bench;

import dev.ctrstore.bench.Fixtures.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ObserverOverheadBenchmark} and prints, per backend, the throughput of {@code get}
 * with each observer set, the bytes it allocates, and its overhead against the undecorated store
 * (about three minutes with the defaults); writes the table to
 * {@code target/bench-results/observers.md} and JMH's JSON beside it. Options: {@code
 * --backends=memory,h2}, {@code --n=10000}, {@code --forks= --wi= --i= --w= --r=} (JMH's, in
 * seconds), {@code --keep} (keep the H2 fixture). See docs/benchmarks.md.
 */
public final class ObserverOverheadMain {
  private ObserverOverheadMain() {}

  private static double noneScore(RunResult none) {
    return none.getPrimaryResult().getScore();
  }

  /** The GC profiler's bytes allocated per operation, or "?" when it reported none. */
  private static String allocated(RunResult r) {
    Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
    return alloc == null ? "?" : String.format(Locale.ROOT, "%,.0f B", alloc.getScore());
  }

  public static void main(String[] args) throws RunnerException, IOException {
    Map<String, String> o = new HashMap<>(Map.of("backends", "memory,h2", "n", "10000",
        "forks", "2", "wi", "2", "i", "3", "w", "1", "r", "2"));
    boolean keep = false;
    for (String a : args) {
      if (a.equals("--keep")) {
        keep = true;
      } else if (a.equals("--full")) {
        // The bench profile's default bench.args (BenchMain's): here, the defaults.
      } else if (a.startsWith("--") && a.contains("=")) {
        String k = a.substring(2, a.indexOf('='));
        if (!o.containsKey(k)) {
          throw new IllegalArgumentException("unknown option " + a);
        }
        o.put(k, a.substring(a.indexOf('=') + 1));
      } else {
        throw new IllegalArgumentException("unknown option " + a);
      }
    }
    long began = System.nanoTime();
    Path out = Path.of("target/bench-results").toAbsolutePath();
    Files.createDirectories(out);
    String[] backends = o.get("backends").split(",");
    int n = Integer.parseInt(o.get("n"));
    for (String b : backends) {
      if (Backend.of(b).jdbc()) {
        Fixtures.openLoaded(Backend.of(b), n).close(); // loaded once, outside the forks
      }
    }
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(ObserverOverheadBenchmark.class.getName() + "\\.get$")
        .param("backend", backends)
        .param("n", o.get("n"))
        .forks(Integer.parseInt(o.get("forks")))
        .warmupIterations(Integer.parseInt(o.get("wi")))
        .measurementIterations(Integer.parseInt(o.get("i")))
        .warmupTime(TimeValue.seconds(Long.parseLong(o.get("w"))))
        .measurementTime(TimeValue.seconds(Long.parseLong(o.get("r"))))
        .threads(1)
        .addProfiler(GCProfiler.class) // bytes allocated per get: what each observer adds
        .jvmArgsAppend("-Xmx1g", "-Dbench.dir=" + Fixtures.dataDir())
        .resultFormat(ResultFormatType.JSON)
        .result(out.resolve("observers.json").toString())
        .shouldFailOnError(true)
        .build()).run();

    Map<String, Map<String, RunResult>> byBackend = new LinkedHashMap<>();
    for (RunResult r : results) {
      String backend = r.getParams().getParam("backend");
      byBackend.computeIfAbsent(backend, k -> new LinkedHashMap<>())
          .put(r.getParams().getParam("observers"), r);
    }
    List<String> lines = new ArrayList<>();
    lines.add("| backend | observers | get (ops/s) | ± (99.9%) | µs per get | allocated per get"
        + " | overhead vs none |");
    lines.add("|---|---|---:|---:|---:|---:|---:|");
    for (var e : byBackend.entrySet()) {
      RunResult none = e.getValue().get("none");
      for (String obs : List.of("none", "metrics", "tracing", "both")) {
        RunResult r = e.getValue().get(obs);
        if (r == null) {
          continue;
        }
        double score = r.getPrimaryResult().getScore();
        String overhead = none == null || obs.equals("none") ? "" : String.format(Locale.ROOT,
            "%+.1f%% (%+.2f µs)", 100.0 * (noneScore(none) / score - 1),
            1e6 * (1 / score - 1 / noneScore(none)));
        lines.add(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %.2f | %s | %s |",
            e.getKey(), obs, score, r.getPrimaryResult().getScoreError(), 1e6 / score,
            allocated(r), overhead));
      }
    }
    lines.add("");
    lines.add(String.format(Locale.ROOT, "N = %d; JMH -f %s -wi %s -i %s -w %ss -r %ss, one thread,"
        + " -prof gc; overhead = extra time per get against none (from the mean throughputs);"
        + " %.0f s in all.", n, o.get("forks"), o.get("wi"), o.get("i"), o.get("w"), o.get("r"),
        (System.nanoTime() - began) / 1e9));
    String table = String.join("\n", lines) + "\n";
    Files.writeString(out.resolve("observers.md"), table);
    System.out.println();
    System.out.print(table);
    if (!keep) {
      for (String b : backends) {
        if (Backend.of(b) == Backend.H2) {
          Fixtures.drop(Backend.H2, n);
        }
      }
    }
  }
}
