package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.Store;
import dev.ctrstore.reliability.Linearizability.Op;
import dev.ctrstore.testing.MySqlServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model-based stress: {@value #THREADS} threads run a seeded random mix of all five operations
 * (filtered lists and field-path updates included) on one namespace of a backend, recording
 * every call's interval and result. Then: every result is one that a serial order allows, per
 * container id ({@link Linearizability}); replaying the writes in that order on a fresh memory
 * store gives the same results and the same containers as the backend holds; and the backend's
 * final containers are the state that order ends in (no lost update, no phantom, no duplicate
 * create).
 *
 * <p>Size: {@code -Dctrstore.reliability.load.ops=N} calls per thread (default {@value
 * #DEFAULT_OPS}); the soak (tag {@code soak}) runs {@code -Dctrstore.reliability.soak.rounds}
 * rounds of it with fresh seeds.
 */
class LoadTest {
  static final int THREADS = 8;
  static final int IDS = 10;
  static final int DEFAULT_OPS = 250;
  static final long SEED = 0x10AD_5EEDL;
  static final AtomicLong TOTAL_OPS = new AtomicLong();

  static int opsPerThread() {
    return Integer.getInteger("ctrstore.reliability.load.ops", DEFAULT_OPS);
  }

  @Test
  void memory() throws Exception {
    try (Store s = Rel.memory()) {
      run("memory", s, SEED, opsPerThread());
    }
  }

  @Test
  void h2() throws Exception {
    try (Store s = Rel.h2Memory()) {
      run("h2", s, SEED, opsPerThread());
    }
  }

  @Test
  void mariaDb() throws Exception {
    try (MySqlServer.Database db = MySqlServer.freshDatabase(); Store s = Rel.jdbc(db.url())) {
      run("mariadb", s, SEED, opsPerThread());
    }
  }

  /** The long version: many rounds on MariaDB (or H2 without a server), fresh seed each. */
  @Test
  @Tag("soak")
  @Timeout(value = 12, unit = TimeUnit.HOURS)
  void soak() throws Exception {
    int rounds = Integer.getInteger("ctrstore.reliability.soak.rounds", 50);
    int ops = Integer.getInteger("ctrstore.reliability.load.ops", 2000);
    boolean maria = MySqlServer.serverUrl() != null;
    try (MySqlServer.Database db = maria ? MySqlServer.freshDatabase() : null;
        Store s = maria ? Rel.jdbc(db.url()) : Rel.h2Memory()) {
      for (int r = 0; r < rounds; r++) {
        run("soak-" + r, s, SEED + 1000L * r, ops);
      }
    }
  }

  static void run(String name, Store store, long seed, int opsPerThread) throws Exception {
    runSpread(name, t -> store, seed, opsPerThread);
  }

  /**
   * The run, with thread {@code t} calling {@code storeOf.apply(t)} (stores that share one
   * database, e.g. one per cluster node); the final reads go through thread 0's store.
   *
   * @return the calls made per second
   */
  static double runSpread(String name, IntFunction<Store> storeOf, long seed, int opsPerThread) throws Exception {
    Store store = storeOf.apply(0);
    String ns = Rel.newNamespace();
    Context ctx = Rel.ctx(ns);
    List<Op> history = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Workload w = new Workload(seed * 31 + t, IDS);
      Store mine = storeOf.apply(t);
      Thread th = new Thread(() -> {
        try {
          go.await();
          for (int i = 0; i < opsPerThread && failure.get() == null; i++) {
            Workload.Call c = w.next();
            long invoke = System.nanoTime();
            Object result = Workload.run(mine, ctx.withTimeout(Duration.ofSeconds(30)), c);
            long response = System.nanoTime();
            history.add(new Op(thread, invoke, response, c.kind(), c.id(), c.input(), c.paths(),
                c.filters(), result));
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, name + "-load-" + t);
      threads.add(th);
      th.start();
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread th : threads) {
      th.join();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (failure.get() != null) {
      throw new AssertionError(name + ": a call failed", failure.get());
    }
    // A final read of every id, after everything: pins the end state the order must reach.
    Set<String> ids = new TreeSet<>();
    for (int i = 0; i < IDS; i++) {
      ids.add("c" + i);
    }
    Map<String, Container> actual = new TreeMap<>();
    for (Container c : store.list(ctx)) {
      actual.put(c.id(), c);
    }
    long after = System.nanoTime();
    for (String id : ids) {
      Object r = Workload.run(store, ctx, new Workload.Call(Linearizability.Kind.GET, id, null, null, null));
      history.add(new Op(-1, after, System.nanoTime(), Linearizability.Kind.GET, id, null, null, null, r));
    }

    Map<String, Linearizability.Order> orders = inBigStack(() -> Linearizability.check(history, ids));

    // Replay the writes in the order found on a fresh memory store: same results, same state.
    try (Store replay = Rel.memory()) {
      for (Map.Entry<String, Linearizability.Order> e : orders.entrySet()) {
        Optional<Container> end = e.getValue().last();
        assertEquals(end.orElse(null), actual.get(e.getKey()), name + ": final state of " + e.getKey());
        for (Op op : e.getValue().ops()) {
          if (op.kind() == Linearizability.Kind.GET || op.kind() == Linearizability.Kind.LIST) {
            continue;
          }
          if (op.result() == ErrorKind.ABORTED) {
            // A conflict that outlived the retries (Galera certification) changed nothing, as
            // the order above assumes; the memory store has no conflicts to replay it with.
            continue;
          }
          Object r = Workload.run(replay, ctx, new Workload.Call(op.kind(), op.id(), op.input(),
              op.paths(), op.filters()));
          assertEquals(kindOf(op.result()), kindOf(r), name + ": replayed " + op);
          if (r instanceof Container c) {
            assertEquals(Linearizability.untimed((Container) op.result()), Linearizability.untimed(c),
                name + ": replayed " + op);
          }
        }
      }
      Map<String, Container> replayed = new TreeMap<>();
      for (Container c : replay.list(ctx)) {
        replayed.put(c.id(), Linearizability.untimed(c));
      }
      Map<String, Container> held = new TreeMap<>();
      actual.forEach((k, v) -> held.put(k, Linearizability.untimed(v)));
      assertEquals(replayed, held, name + ": the backend and the memory replay hold the same containers");
    }
    long calls = history.size();
    TOTAL_OPS.addAndGet(calls);
    Map<String, Long> byResult = new TreeMap<>();
    for (Op op : history) {
      String k = op.kind() + "/" + (op.error() == null ? "ok" : op.error());
      byResult.merge(k, 1L, Long::sum);
    }
    assertTrue(byResult.keySet().containsAll(List.of("CREATE/ok", "CREATE/ALREADY_EXISTS",
        "UPDATE/ok", "UPDATE/NOT_FOUND", "DELETE/ok", "DELETE/NOT_FOUND", "GET/ok", "LIST/ok")),
        name + ": the mix reaches every outcome: " + byResult);
    System.out.println("LoadTest " + name + ": " + calls + " calls by " + THREADS + " threads in "
        + ms + " ms, serial order found for every id, " + actual.size()
        + " containers equal to the memory replay; " + byResult);
    return (calls - IDS) * 1000.0 / Math.max(1, ms);
  }

  private static String kindOf(Object result) {
    return result instanceof ErrorKind k ? k.name() : "ok";
  }

  /** The search recurses once per call: give it a deep stack. */
  static <T> T inBigStack(Supplier<T> work) throws InterruptedException {
    AtomicReference<T> out = new AtomicReference<>();
    AtomicReference<Throwable> err = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        out.set(work.get());
      } catch (Throwable e) {
        err.set(e);
      }
    }, "linearizability-check", 512L << 20);
    t.start();
    t.join();
    if (err.get() instanceof AssertionError a) {
      throw a;
    }
    if (err.get() != null) {
      throw new AssertionError(err.get());
    }
    return out.get();
  }
}
