package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.Store;
import dev.ctrstore.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A watch through one node sees the writes made through the others: two writers, on nodes 1 and
 * 3, create and update containers of one namespace at once (their counter increments conflict at
 * certification, and the losers run again), while a watch through node 2 must deliver every
 * acknowledged write exactly once, in revision order, as the write returned it, with revisions
 * 1..n and no gap.
 */
class GaleraWatchTest {
  static final int WRITES_PER_WRITER = 150;

  @Test
  void aWatchThroughOneNodeSeesEveryWriteMadeThroughTheOthersOnceAndInOrder() throws Exception {
    Galera.assume();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Galera.Db db = Galera.freshDatabase(); Galera.NodeStores stores = db.storePerNode()) {
      Context ctx = Rel.ctx(Rel.newNamespace());
      Map<Long, Container> acknowledged = new ConcurrentHashMap<>();
      try (Watch watch = stores.on(1).watch(ctx, 0)) {
        List<Future<?>> writers = new ArrayList<>();
        for (int node : new int[] {0, 2}) {
          Store store = stores.on(node);
          writers.add(pool.submit(() -> {
            for (int i = 0; i < WRITES_PER_WRITER; i++) {
              String id = "n" + node + "-" + (i / 3);
              Container written;
              if (i % 3 == 0) {
                written = store.create(ctx, Rel.tokened(id, "v" + i));
              } else {
                written = store.update(ctx, Rel.tokened(id, "v" + i));
              }
              acknowledged.put(written.revision(), written);
            }
            return null;
          }));
        }
        Map<Long, Event> delivered = new TreeMap<>();
        long last = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (delivered.size() < 2 * WRITES_PER_WRITER && System.nanoTime() < deadline) {
          Event e = watch.poll(Duration.ofSeconds(1));
          if (e != null) {
            assertEquals(last + 1, e.revision(), "revisions delivered in order, without a gap");
            last = e.revision();
            delivered.put(e.revision(), e);
          }
        }
        for (Future<?> f : writers) {
          f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(null, watch.poll(Duration.ofMillis(300)), "no event beyond the writes");
        assertEquals(2 * WRITES_PER_WRITER, acknowledged.size());
        assertEquals(acknowledged.keySet(), delivered.keySet());
        for (Event e : delivered.values()) {
          Container written = acknowledged.get(e.revision());
          assertEquals(written, e.container(), "event " + e.revision());
          assertEquals(isCreate(written) ? Event.Type.CREATED : Event.Type.UPDATED, e.type(), "event " + e.revision());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The writers create on every third write; the token says which write it was. */
  private static boolean isCreate(Container c) {
    return Integer.parseInt(Rel.tokenOf(c).substring(1)) % 3 == 0;
  }
}
