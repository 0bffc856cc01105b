package dev.ctrstore.bench;

import dev.ctrstore.bench.Fixtures.Backend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;

/** Collects scores and prints the table and the ratios of the targets (docs/benchmarks.md). */
final class BenchReport {
  final List<Backend> backends;
  final List<Integer> sizes;
  final Map<String, String> settings = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();
  /** backend/n/method → [score, error] in the benchmark's own unit. */
  final Map<String, double[]> scores = new TreeMap<>();
  final Map<String, String> units = new TreeMap<>();
  final Map<String, long[]> sizeBytes = new TreeMap<>();
  final Map<String, String> sizeWhat = new TreeMap<>();

  BenchReport(List<Backend> backends, List<Integer> sizes) {
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
      // A single-shot score is each thread's time per operation: with T threads writing at once,
      // T operations complete in that time, so the store's rate is T times its inverse.
      double t = r.getParams().getMode() == org.openjdk.jmh.annotations.Mode.SingleShotTime
          ? r.getParams().getThreads() : 1;
      scores.put(key, new double[] {p.getScore() / t, p.getScoreError() / t});
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
