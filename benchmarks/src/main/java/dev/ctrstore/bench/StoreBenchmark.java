package dev.ctrstore.bench;

import dev.ctrstore.Container;
import dev.ctrstore.Store;
import dev.ctrstore.bench.Fixtures.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The operations of the targets table in docs/benchmarks.md, single-threaded, on a store holding N containers (see
 * {@link Fixtures}). Reads and updates are timed by JMH in throughput or average-time mode;
 * creates and deletes in batches of {@value #BATCH} (single-shot iterations, so the store is
 * back at N after each: the created containers are deleted, and the deleted ones were created,
 * outside the timed part).
 */
@State(Scope.Benchmark)
public class StoreBenchmark {
  public static final int BATCH = 1000;

  @Param({"memory", "h2", "mariadb", "sqlite"})
  public String backend;

  @Param({"1000", "10000", "100000"})
  public int n;

  Store store;
  String oneId;

  @Setup(Level.Trial)
  public void open() {
    store = Fixtures.openLoaded(Backend.of(backend), n);
    oneId = Fixtures.id(n / 2);
    // The filters must select what the table says, or the numbers mean nothing.
    check(store.list(Fixtures.CTX, "labels.grp==7").size() == n / 100, "labels.grp==7 selects 1%");
    check(store.list(Fixtures.CTX, "labels.k7").size() == n / 100, "labels.k7 selects 1%");
    check(store.list(Fixtures.CTX, "id==" + oneId).size() == 1, "id== selects one");
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("fixture check failed: " + what);
    }
  }

  String randomId() {
    return Fixtures.id(ThreadLocalRandom.current().nextInt(n));
  }

  // ---------------------------------------------------------------------------------------
  // Reads

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Container get() {
    return store.get(Fixtures.CTX, randomId());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Container> listAll() {
    return store.list(Fixtures.CTX);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Container> listLabelEquals() {
    return store.list(Fixtures.CTX, "labels.grp==7");
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Container> listLabelPresent() {
    return store.list(Fixtures.CTX, "labels.k7");
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Container> listId() {
    return store.list(Fixtures.CTX, "id==" + oneId);
  }

  /** Every container through {@link Store#stream} (pages of a cursor on JDBC). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void streamAll(Blackhole bh) {
    try (Stream<Container> s = store.stream(Fixtures.CTX)) {
      s.forEach(bh::consume);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Writes

  @State(Scope.Thread)
  public static class Updates {
    long counter;
  }

  /** {@code update(…, "labels.x")}: one durable transaction each. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Container update(Updates u) {
    return store.update(Fixtures.CTX,
        Container.builder().id(randomId()).label("x", Long.toString(++u.counter)).build(),
        "labels.x");
  }

  /** BATCH new containers, created in the timed part and deleted after it. */
  @State(Scope.Thread)
  public static class NewContainers {
    static final java.util.concurrent.atomic.AtomicInteger ROUND = new java.util.concurrent.atomic.AtomicInteger();
    final List<Container> batch = new ArrayList<>(BATCH);

    @Setup(Level.Iteration)
    public void prepare(StoreBenchmark b) {
      removeBatch(b); // the previous iteration's, where the teardown left it (several threads)
      int r = ROUND.incrementAndGet(); // one per thread and iteration (JMH -t N)
      for (int k = 0; k < BATCH; k++) {
        batch.add(Fixtures.container("new-" + ProcessHandle.current().pid() + "-" + r + "-" + k, k));
      }
    }

    /**
     * With several threads JMH ran the trial's teardown (closing the store) while other threads
     * were still deleting their batches here, each delete then waiting out the pool's 30 s: so
     * with several threads a batch is removed at the next iteration's setup instead, and the
     * last iteration's stay (the next fork finds the fixture's count off and reloads it).
     */
    @TearDown(Level.Iteration)
    public void remove(StoreBenchmark b, org.openjdk.jmh.infra.BenchmarkParams params) {
      if (params.getThreads() == 1) {
        removeBatch(b);
      }
    }

    private void removeBatch(StoreBenchmark b) {
      for (Container c : batch) {
        try {
          b.store.delete(Fixtures.CTX, c.id());
        } catch (RuntimeException ignored) {
          // not created (the iteration failed); nothing to undo
        }
      }
      batch.clear();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(BATCH)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void create(NewContainers s) {
    for (Container c : s.batch) {
      store.create(Fixtures.CTX, c);
    }
  }

  /** BATCH containers created before the timed part, which deletes them. */
  @State(Scope.Thread)
  public static class Victims {
    static final java.util.concurrent.atomic.AtomicInteger ROUND = new java.util.concurrent.atomic.AtomicInteger();
    final List<String> ids = new ArrayList<>(BATCH);

    @Setup(Level.Iteration)
    public void prepare(StoreBenchmark b) {
      ids.clear();
      int r = ROUND.incrementAndGet(); // one per thread and iteration (JMH -t N)
      for (int k = 0; k < BATCH; k++) {
        Container c = Fixtures.container("old-" + ProcessHandle.current().pid() + "-" + r + "-" + k, k);
        b.store.create(Fixtures.CTX, c);
        ids.add(c.id());
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(BATCH)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void delete(Victims v) {
    for (String id : v.ids) {
      store.delete(Fixtures.CTX, id);
    }
  }
}
