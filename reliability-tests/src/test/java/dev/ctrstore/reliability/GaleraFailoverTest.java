package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A node dies under writers that use the multi-host URL a user writes ({@code
 * jdbc:mysql://node2,node1,node3/db}, so they work on node 2): node 2 is killed (SIGKILL), and
 * the writers, each call with a {@value #DEADLINE_MS} ms deadline, carry on through another
 * node. Measured: the time from the kill to the first acknowledged write after it (at most
 * {@value #MAX_RECOVERY_MS} ms), and each call's overrun of its deadline (at most {@value
 * #MAX_OVERRUN_MS} ms). Then node 2 is started again and, once it has rejoined, holds every
 * acknowledged write.
 *
 * <p>What bounds the recovery is the cluster: the surviving nodes stop committing until they
 * evict the dead one ({@code evs.suspect_timeout}, 1.2 s on the test cluster), and every call
 * begun meanwhile waits for that, within its deadline. The store's part is to fail over to the
 * next host with writable connections ({@code failOverReadOnly=false}, which it sets for
 * multi-host URLs) and to bound every wait by the call's deadline.
 */
class GaleraFailoverTest {
  static final int WRITERS = 4;
  static final long DEADLINE_MS = 2_000;
  static final long MAX_RECOVERY_MS = 3_000;
  static final long MAX_OVERRUN_MS = 500;

  @Test
  void writersCarryOnWhenTheirNodeDies() throws Exception {
    Galera.assume();
    Galera.control("up"); // every node up, whatever a test before left
    try (Galera.Db db = Galera.freshDatabase();
        Store store = Rel.jdbc(db.multiHostUrl(1, 0, 2))) {
      Context base = Rel.ctx(Rel.newNamespace());
      Set<String> acked = new ConcurrentSkipListSet<>();
      AtomicLong lastAckNanos = new AtomicLong();
      AtomicLong killedAt = new AtomicLong();
      AtomicLong firstAckAfterKill = new AtomicLong();
      AtomicLong worstOverrun = new AtomicLong();
      AtomicLong lastFailureAfterKill = new AtomicLong();
      Map<String, Integer> failures = new ConcurrentHashMap<>();
      AtomicReference<StoreException> firstFailure = new AtomicReference<>();
      AtomicReference<Throwable> unexpected = new AtomicReference<>();
      AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < WRITERS; t++) {
        int thread = t;
        Thread th = new Thread(() -> {
          try {
            for (int n = 0; System.nanoTime() < stopAt.get(); n++) {
              String id = "w" + thread + "-" + n;
              long begin = System.nanoTime();
              try {
                store.create(base.withTimeout(Duration.ofMillis(DEADLINE_MS)), Rel.tokened(id, id));
                long now = System.nanoTime();
                acked.add(id);
                lastAckNanos.set(now);
                long k = killedAt.get();
                if (k != 0 && begin > k) {
                  firstAckAfterKill.compareAndSet(0, now);
                }
              } catch (StoreException e) {
                failures.merge(e.kind().name(), 1, Integer::sum);
                firstFailure.compareAndSet(null, e);
                if (killedAt.get() != 0) {
                  lastFailureAfterKill.set(System.nanoTime());
                }
                Thread.sleep(20);
              }
              long overrun = (System.nanoTime() - begin) / 1_000_000 - DEADLINE_MS;
              worstOverrun.accumulateAndGet(overrun, Math::max);
            }
          } catch (Throwable e) {
            unexpected.compareAndSet(null, e);
          }
        }, "writer-" + t);
        threads.add(th);
        th.start();
      }
      long warmUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (acked.size() < 20 && System.nanoTime() < warmUp && unexpected.get() == null) {
        Thread.sleep(50);
      }
      // Steady writing before the kill: 20 more acknowledged writes, not a fixed pause.
      int warmed = acked.size();
      while (acked.size() < warmed + 20 && System.nanoTime() < warmUp && unexpected.get() == null) {
        Thread.sleep(50);
      }
      if (acked.isEmpty()) {
        stopAt.set(0);
      }
      assertTrue(!acked.isEmpty(), "writes succeed before the kill: " + failures + " "
          + firstFailure.get());
      int before = acked.size();
      killedAt.set(System.nanoTime());
      Galera.control("kill", "2");
      stopAt.set(System.nanoTime() + Duration.ofSeconds(10).toNanos());
      for (Thread th : threads) {
        th.join();
      }
      if (unexpected.get() != null) {
        throw new AssertionError("a writer failed", unexpected.get());
      }
      // Recovered: writes succeed from then on (a failure later would move the point).
      long recoveryMs = firstAckAfterKill.get() == 0 ? -1
          : (Math.max(firstAckAfterKill.get(), lastFailureAfterKill.get()) - killedAt.get()) / 1_000_000;
      System.out.println("GaleraFailoverTest: " + before + " writes acknowledged before node 2 was"
          + " killed, " + (acked.size() - before) + " after; first acknowledged write begun after"
          + " the kill: " + (firstAckAfterKill.get() == 0 ? -1
          : (firstAckAfterKill.get() - killedAt.get()) / 1_000_000) + " ms after it; writes"
          + " succeed steadily from " + recoveryMs + " ms after it; failures " + new TreeMap<>(failures)
          + "; worst overrun of the " + DEADLINE_MS + " ms deadline: " + worstOverrun.get() + " ms");

      Galera.control("start", "2");
      Set<String> onNode2 = new TreeSet<>(db.rows(1, "SELECT CAST(id AS CHAR) FROM ctr_container"));
      Set<String> missing = new TreeSet<>(acked);
      missing.removeAll(onNode2);
      assertEquals(Set.of(), missing, "node 2, restarted, holds every acknowledged write");

      assertTrue(recoveryMs >= 0 && recoveryMs <= MAX_RECOVERY_MS,
          "writes resume within " + MAX_RECOVERY_MS + " ms of the kill: " + recoveryMs + " ms");
      assertTrue(worstOverrun.get() <= MAX_OVERRUN_MS, "no call overruns its " + DEADLINE_MS
          + " ms deadline by more than " + MAX_OVERRUN_MS + " ms: " + worstOverrun.get() + " ms");
    } finally {
      Galera.control("up");
    }
  }
}
