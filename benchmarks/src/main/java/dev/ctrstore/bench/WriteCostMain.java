package dev.ctrstore.bench;

import dev.ctrstore.Container;
import dev.ctrstore.Store;
import dev.ctrstore.bench.Fixtures.Backend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store's writes against the same rows written over raw JDBC ({@link RawWriteBenchmark} with
 * its revision and event rows), side by side in one JVM on one fixture file, alternating in
 * rounds so a drift of the machine's load hits both alike (JMH's runs of the two are minutes
 * apart). Each cell: every thread creates {@code ops} new containers, then updates {@code ops}
 * random ones ({@code labels.x}), then deletes the ones it created; the rate is all threads' ops
 * over the cell's wall time. The table gives the median of the rounds and store ÷ raw.
 *
 * <p>Arguments: backend ({@code sqlite}), rounds (3), ops per thread and cell (500), thread
 * counts ({@code 1,8}), variants ({@code store,raw}). Run it under {@code strace -f -c} to count
 * fsyncs, or with JFR to see where a write's time goes.
 */
public final class WriteCostMain {
  private WriteCostMain() {}

  static final int N = 1000;
  static final String[] OPS = {"create", "update", "delete"};
  private static final AtomicInteger CELL = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    Backend backend = Backend.of(args.length > 0 ? args[0] : "sqlite");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int ops = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int[] threads = Arrays.stream((args.length > 3 ? args[3] : "1,8").split(","))
        .mapToInt(Integer::parseInt).toArray();
    List<String> variants = List.of((args.length > 4 ? args[4] : "store,raw").split(","));
    System.out.printf(Locale.ROOT, "# %s, N=%d, %d rounds, %d ops per thread and cell, load %s%n",
        backend.label(), N, rounds, ops, LoadAverage.now());
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    try (Store store = Fixtures.openLoaded(backend, N)) {
      for (int round = 0; round < rounds; round++) {
        for (int t : threads) {
          List<String> order = new ArrayList<>(variants);
          if (round % 2 == 1) {
            java.util.Collections.reverse(order);
          }
          for (String v : order) {
            double[] r = cell(backend, store, v, t, ops);
            for (int k = 0; k < OPS.length; k++) {
              rates.computeIfAbsent(v + " " + OPS[k] + " t=" + t, x -> new ArrayList<>()).add(r[k]);
              cpu.computeIfAbsent(v + " " + OPS[k] + " t=" + t, x -> new ArrayList<>())
                  .add(r[OPS.length + k]);
            }
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "# load at end %s%n", LoadAverage.now());
    table("per second, all threads", variants, threads, rates, "%,.0f");
    table("CPU µs per op, writer threads (user + system, the database's own work included)",
        variants, threads, cpu, "%,.1f");
  }

  private static void table(String title, List<String> variants, int[] threads,
      Map<String, List<Double>> values, String format) {
    System.out.println("# " + title);
    System.out.println("| op | threads | " + String.join(" | ", variants) + " | "
        + variants.get(0) + " ÷ " + (variants.size() > 1 ? variants.get(1) : "-") + " |");
    for (int t : threads) {
      for (String op : OPS) {
        StringBuilder sb = new StringBuilder("| " + op + " | " + t + " |");
        double[] med = new double[variants.size()];
        for (int i = 0; i < variants.size(); i++) {
          List<Double> l = values.get(variants.get(i) + " " + op + " t=" + t);
          med[i] = median(l);
          sb.append(String.format(Locale.ROOT, " " + format + " %s |", med[i], l.stream()
              .map(d -> String.format(Locale.ROOT, "%.0f", d)).toList()));
        }
        sb.append(med.length > 1 ? String.format(Locale.ROOT, " %.2f |", med[0] / med[1]) : " |");
        System.out.println(sb);
      }
    }
  }

  static double median(List<Double> l) {
    List<Double> s = new ArrayList<>(l);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  /**
   * Rates of create, update, delete (per second, all threads), then their CPU time per op in
   * microseconds (the writer threads' user and system time), for one variant.
   */
  static double[] cell(Backend backend, Store store, String variant, int threads, int ops)
      throws Exception {
    int cell = CELL.incrementAndGet();
    List<Writer> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String prefix = "wc-" + ProcessHandle.current().pid() + "-" + cell + "-" + t + "-";
      writers.add(variant.equals("store") ? new StoreWriter(store, prefix, ops)
          : new RawWriter(backend, prefix, ops));
    }
    double[] out = new double[2 * OPS.length];
    try {
      for (int k = 0; k < OPS.length; k++) {
        double[] secondsAndCpu = run(writers, k);
        out[k] = (double) threads * ops / secondsAndCpu[0];
        out[OPS.length + k] = secondsAndCpu[1] / 1e3 / threads / ops;
      }
    } finally {
      for (Writer w : writers) {
        w.close();
      }
    }
    return out;
  }

  /**
   * Seconds for every writer to do operation {@code op} {@code ops} times, and the CPU time the
   * writer threads spent on it in nanoseconds.
   */
  static double[] run(List<Writer> writers, int op) throws Exception {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    java.util.concurrent.atomic.AtomicLong cpuNanos = new java.util.concurrent.atomic.AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (Writer w : writers) {
      Thread th = new Thread(() -> {
        try {
          start.await();
          long c0 = mx.getCurrentThreadCpuTime();
          w.run(op);
          cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - c0);
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      th.start();
      ts.add(th);
    }
    long t0 = System.nanoTime();
    start.countDown();
    for (Thread th : ts) {
      th.join();
    }
    double s = (System.nanoTime() - t0) / 1e9;
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a writer failed", failures.get(0));
    }
    return new double[] {s, cpuNanos.get()};
  }

  interface Writer {
    void run(int op) throws Exception;

    void close() throws java.sql.SQLException;
  }

  /** Through the store. */
  record StoreWriter(Store store, String prefix, int ops) implements Writer {
    @Override
    public void run(int op) {
      java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
      for (int k = 0; k < ops; k++) {
        switch (op) {
          case 0 -> store.create(Fixtures.CTX, Fixtures.container(prefix + k, k));
          case 1 -> store.update(Fixtures.CTX, Container.builder().id(Fixtures.id(rnd.nextInt(N)))
              .label("x", prefix + k).build(), "labels.x");
          default -> store.delete(Fixtures.CTX, prefix + k);
        }
      }
    }

    @Override
    public void close() {}
  }

  /** The same rows over one raw connection ({@link RawWriteBenchmark}, log rows on). */
  static final class RawWriter implements Writer {
    private final RawWriteBenchmark raw = new RawWriteBenchmark();
    private final List<RawWriteBenchmark.Row> rows = new ArrayList<>();

    RawWriter(Backend backend, String prefix, int ops) throws java.sql.SQLException {
      raw.backend = backend.label();
      raw.n = N;
      raw.log = true;
      raw.open();
      for (int k = 0; k < ops; k++) {
        rows.add(RawWriteBenchmark.Row.of(prefix + k, k));
      }
    }

    @Override
    public void run(int op) throws Exception {
      for (RawWriteBenchmark.Row r : rows) {
        switch (op) {
          case 0 -> raw.insert(r);
          case 1 -> raw.rawUpdate();
          default -> raw.delete(r);
        }
      }
    }

    @Override
    public void close() throws java.sql.SQLException {
      raw.close();
    }
  }
}
