package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.testing.MySqlServer;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The model-based load ({@link LoadTest}) on the Galera cluster with its threads spread over the
 * three nodes (thread t on node t mod 3): every result has a serial order per id, the final
 * state is the one that order ends in, and every node holds the same containers. The same load
 * then runs on the single MariaDB server, for the throughput of each in one run.
 */
class GaleraLoadTest {
  @Test
  void loadSpreadOverThreeNodes() throws Exception {
    Galera.assume();
    MySqlServer.assume();
    int ops = LoadTest.opsPerThread();
    double cluster;
    try (Galera.Db db = Galera.freshDatabase(); Galera.NodeStores stores = db.storePerNode()) {
      cluster = LoadTest.runSpread("galera", t -> stores.on(t % Galera.NODES), LoadTest.SEED, ops);
      // Every node converges to the same containers, whatever node wrote them.
      List<String> namespaces = db.rows(0, "SELECT DISTINCT ns FROM ctr_container");
      assertEquals(1, namespaces.size(), "one namespace: " + namespaces);
      Context ctx = Rel.ctx(namespaces.get(0));
      List<Container> first = stores.on(0).list(ctx);
      for (int i = 1; i < Galera.NODES; i++) {
        assertEquals(first, stores.on(i).list(ctx), "node " + (i + 1) + " holds what node 1 holds");
      }
    }
    double single;
    try (MySqlServer.Database db = MySqlServer.freshDatabase(); Store s = Rel.jdbc(db.url())) {
      single = LoadTest.runSpread("mariadb-single", t -> s, LoadTest.SEED, ops);
    }
    System.out.println(String.format(Locale.ROOT, "GaleraLoadTest: the same load (%d threads x %d"
        + " calls, seed %x): single MariaDB server %.0f calls/s, 3-node Galera cluster (threads on"
        + " all nodes) %.0f calls/s (%.2fx)", LoadTest.THREADS, ops, LoadTest.SEED, single, cluster,
        cluster / single));
  }
}
