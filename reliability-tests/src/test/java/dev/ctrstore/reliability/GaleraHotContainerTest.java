package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@value #THREADS} threads, {@value #THREADS}/3 on each node of the Galera cluster, each set
 * its own label of one container {@value #UPDATES} times (field-path updates): nodes certify
 * the conflicting transactions and the store retries the losers. Afterwards every node holds the
 * same container, whose label of each thread is that thread's last acknowledged value (a call
 * that failed did nothing: its conflict outlived the retries, and it was rolled back). The only
 * failure allowed is such a conflict, of kind {@link ErrorKind#ABORTED} (safe to retry).
 */
class GaleraHotContainerTest {
  static final int THREADS = 12;
  static final int UPDATES = 40;

  @Test
  void twelveThreadsOnThreeNodesUpdateOneContainer() throws Exception {
    Galera.assume();
    try (Galera.Db db = Galera.freshDatabase(); Galera.NodeStores stores = db.storePerNode()) {
      Context ctx = Rel.ctx(Rel.newNamespace());
      stores.on(0).create(ctx, Rel.tokened("hot", "0"));
      Map<String, Long> before = conflicts(db);
      Map<Integer, String> lastAck = new ConcurrentHashMap<>();
      Map<String, Integer> failures = new ConcurrentHashMap<>();
      AtomicReference<Throwable> unexpected = new AtomicReference<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Store store = stores.on(t % Galera.NODES);
        Thread th = new Thread(() -> {
          try {
            go.await();
            for (int n = 1; n <= UPDATES; n++) {
              String value = "v" + n;
              try {
                store.update(ctx, Container.builder().id("hot").label("t" + thread, value).build(),
                    "labels.t" + thread);
                lastAck.put(thread, value);
              } catch (StoreException e) {
                failures.merge(e.kind() + ": " + e.getMessage().replaceAll("[0-9]+", "N"), 1,
                    Integer::sum);
              }
            }
          } catch (Throwable e) {
            unexpected.compareAndSet(null, e);
          }
        }, "hot-" + t);
        threads.add(th);
        th.start();
      }
      long start = System.nanoTime();
      go.countDown();
      for (Thread th : threads) {
        th.join();
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (unexpected.get() != null) {
        throw new AssertionError("a thread failed", unexpected.get());
      }
      Map<String, Long> after = conflicts(db);
      Map<String, Long> delta = new TreeMap<>();
      after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0L)));
      int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
      System.out.println("GaleraHotContainerTest: " + THREADS * UPDATES + " updates of one"
          + " container by " + THREADS + " threads on 3 nodes in " + ms + " ms: "
          + (THREADS * UPDATES - failed) + " acknowledged, " + failed + " failed " + failures
          + "; conflicts seen by the nodes: " + delta);

      Container first = stores.on(0).get(ctx, "hot");
      for (int i = 1; i < Galera.NODES; i++) {
        assertEquals(first, stores.on(i).get(ctx, "hot"), "node " + (i + 1) + " agrees with node 1");
      }
      for (int t = 0; t < THREADS; t++) {
        assertEquals(lastAck.get(t), first.labels().get("t" + t),
            "thread " + t + "'s label holds its last acknowledged value");
      }
      for (String f : failures.keySet()) {
        assertTrue(f.startsWith(ErrorKind.ABORTED.name()), "only conflicts may fail, as ABORTED: " + f);
      }
    }
  }

  /** Galera's and InnoDB's conflict counters, summed over the nodes. */
  static Map<String, Long> conflicts(Galera.Db db) {
    Map<String, Long> out = new TreeMap<>();
    for (int i = 0; i < Galera.NODES; i++) {
      for (String row : db.rows(i, "SHOW GLOBAL STATUS WHERE Variable_name IN"
          + " ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts', 'Innodb_deadlocks')")) {
        String[] kv = row.split("\t");
        out.merge(kv[0].toLowerCase(java.util.Locale.ROOT), Long.parseLong(kv[1]), Long::sum);
      }
    }
    return out;
  }
}
