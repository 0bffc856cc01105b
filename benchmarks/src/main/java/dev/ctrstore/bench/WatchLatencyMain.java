package dev.ctrstore.bench;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.Store;
import dev.ctrstore.Watch;
import dev.ctrstore.bench.Fixtures.Backend;
import dev.ctrstore.jdbc.JdbcStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How long after a commit in another JVM a watch delivers the event (issue: p99 within 100 ms,
 * on H2 and MariaDB). This JVM opens the store and watches a fresh namespace; a second JVM (this
 * class with {@code --writer}, on the same class path) creates containers in it at random
 * intervals and prints, for each, its revision, the wall-clock time the call started and the
 * time it returned (the commit acknowledged). The latency of an event is the watcher's
 * wall-clock time when {@code poll} returned it minus the writer's acknowledgement: both JVMs
 * read the same host clock. The commit lies between call start and acknowledgement, so the
 * figure from the acknowledgement can understate the true latency by the call's return path, and
 * the figure from the call start (also printed) overstates it by the whole write.
 *
 * <p>H2: a file opened with {@code AUTO_SERVER=TRUE}, the mode in which two processes share an
 * H2 file (H2's file mode is single-process): the watcher opens it first and serves it; the
 * writer's connections go to the watcher's JVM over TCP. MariaDB: the database {@code
 * bench.watch.database} (default {@code ctrstore_bench_watch}) on {@code bench.mysql.server}.
 *
 * <p>Arguments: backends ({@code h2,mariadb}), writes per backend (default 600), the largest pause
 * between writes in ms (default 100; pauses are uniform in [0, max], so writes fall at every
 * phase of the watch's poll). The first {@value #WARM_UP} events of a run are not counted.
 */
public final class WatchLatencyMain {
  private WatchLatencyMain() {}

  static final int WARM_UP = 50;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--writer")) {
      write(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      return;
    }
    if (args.length > 0 && args[0].equals("--full")) {
      args = new String[0]; // the bench profile's default arguments: take the defaults here
    }
    String[] backends = (args.length > 0 ? args[0] : "h2,mariadb").split(",");
    int writes = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    int maxPause = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    List<String> report = new ArrayList<>();
    for (String b : backends) {
      report.add(run(Backend.of(b), writes, maxPause));
    }
    System.out.println();
    System.out.println("| backend | events | from ack p50 | p99 | max | from call start p50 | p99 |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    report.forEach(System.out::println);
    System.out.println("load average at the end: " + LoadAverage.now());
  }

  private static String url(Backend b) {
    return switch (b) {
      case H2 -> Fixtures.freshH2File("h2-watch", ";AUTO_SERVER=TRUE");
      case MARIADB -> Fixtures.freshMysqlDatabase(
          System.getProperty("bench.watch.database", "ctrstore_bench_watch"));
      default -> throw new IllegalArgumentException(b.label() + ": measured on h2 and mariadb");
    };
  }

  private static String run(Backend b, int writes, int maxPause) throws Exception {
    String url = url(b);
    String ns = "watch-" + UUID.randomUUID();
    Context ctx = Context.withNamespace(ns);
    Map<Long, Long> delivered = new ConcurrentHashMap<>();
    Map<Long, long[]> acked = new ConcurrentHashMap<>();
    try (Store store = JdbcStores.open(url); Watch watch = store.watch(ctx, 0)) {
      Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          WatchLatencyMain.class.getName(), "--writer", url, ns, Integer.toString(writes),
          Integer.toString(maxPause))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Thread reader = new Thread(() -> readAcks(writer, acked), "writer-output");
      reader.start();
      long last = 0;
      long idleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (last < writes && System.nanoTime() < idleUntil) {
        Event e = watch.poll(Duration.ofSeconds(1));
        if (e != null) {
          delivered.put(e.revision(), micros(Instant.now()));
          last = e.revision();
          idleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        }
      }
      if (!writer.waitFor(60, TimeUnit.SECONDS) || writer.exitValue() != 0) {
        writer.destroy();
        throw new IllegalStateException("the writer JVM failed");
      }
      reader.join();
    }
    List<Long> fromAck = new ArrayList<>();
    List<Long> fromStart = new ArrayList<>();
    for (long rev = WARM_UP + 1; rev <= writes; rev++) {
      Long got = delivered.get(rev);
      long[] w = acked.get(rev);
      if (got == null || w == null) {
        throw new IllegalStateException("revision " + rev + " was not delivered or not acked");
      }
      fromAck.add(got - w[1]);
      fromStart.add(got - w[0]);
    }
    String row = String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms |",
        b.label(), fromAck.size(), pct(fromAck, 50), pct(fromAck, 99), pct(fromAck, 100),
        pct(fromStart, 50), pct(fromStart, 99));
    System.out.println(row + "  load " + LoadAverage.now());
    return row;
  }

  private static void readAcks(Process writer, Map<Long, long[]> acked) {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(" ");
        if (f.length == 4 && f[0].equals("ack")) {
          acked.put(Long.parseLong(f[1]), new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])});
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The writer JVM: creates {@code writes} containers, printing revision, start and ack (µs). */
  private static void write(String url, String ns, int writes, int maxPause)
      throws InterruptedException {
    Context ctx = Context.withNamespace(ns);
    SplittableRandom random = new SplittableRandom(7);
    try (Store store = JdbcStores.open(url)) {
      for (int i = 0; i < writes; i++) {
        Thread.sleep(random.nextInt(maxPause + 1));
        Container c = Fixtures.container(i);
        long start = micros(Instant.now());
        long revision = store.create(ctx, c).revision();
        long ack = micros(Instant.now());
        System.out.println("ack " + revision + " " + start + " " + ack);
      }
    }
    System.out.flush();
  }

  private static long micros(Instant t) {
    return TimeUnit.SECONDS.toMicros(t.getEpochSecond()) + t.getNano() / 1000;
  }

  /** The p-th percentile (nearest rank) in milliseconds. */
  static double pct(List<Long> micros, int p) {
    long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
  }
}
