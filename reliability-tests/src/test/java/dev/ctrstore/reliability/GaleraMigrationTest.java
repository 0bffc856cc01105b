package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Three stores, one on each node of the Galera cluster, open one database at the same moment,
 * {@value #ROUNDS} times: from an empty database, and (every other round) from one an older
 * ctrstore left at schema 1. Every open succeeds, every node ends at the latest schema with each
 * version applied once and nothing failed, and a container written through one node is read
 * through the others. (Flyway's own lock, {@code GET_LOCK}, is not replicated: without the
 * store's schema lock two nodes ran a migration together and left a failed one behind.)
 */
class GaleraMigrationTest {
  static final int ROUNDS = 20;
  static final String HISTORY = "ctrstore_schema_history";
  static final String LATEST = "3";

  @Test
  void threeStoresOnThreeNodesOpenOneDatabaseAtOnce() throws Exception {
    Galera.assume();
    int passed = 0;
    ExecutorService pool = Executors.newFixedThreadPool(Galera.NODES);
    try {
      for (int r = 0; r < ROUNDS; r++) {
        try (Galera.Db db = Galera.freshDatabase()) {
          if (r % 2 == 1) {
            Flyway.configure(getClass().getClassLoader()).dataSource(db.url(0), null, null)
                .locations("classpath:dev/ctrstore/jdbc/migration/mysql").table(HISTORY)
                .target("1").load().migrate();
          }
          CyclicBarrier start = new CyclicBarrier(Galera.NODES);
          List<Future<Store>> opens = new ArrayList<>();
          for (int i = 0; i < Galera.NODES; i++) {
            String url = db.url(i);
            opens.add(pool.submit(() -> {
              start.await();
              return Rel.jdbc(url);
            }));
          }
          List<Store> stores = new ArrayList<>();
          List<String> failures = new ArrayList<>();
          for (int i = 0; i < opens.size(); i++) {
            try {
              stores.add(opens.get(i).get(120, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
              failures.add("node " + (i + 1) + ": " + e.getCause());
            }
          }
          try {
            assertEquals(List.of(), failures, "round " + r + ": every open succeeds");
            for (int i = 0; i < Galera.NODES; i++) {
              assertEquals(List.of(LATEST), db.rows(i, "SELECT MAX(version) FROM " + HISTORY
                  + " WHERE success = 1"), "round " + r + ", node " + (i + 1) + ": schema");
              assertEquals(List.of("0"), db.rows(i, "SELECT COUNT(*) FROM " + HISTORY
                  + " WHERE success = 0"), "round " + r + ", node " + (i + 1) + ": no failed migration");
              assertEquals(List.of(LATEST), db.rows(i, "SELECT COUNT(*) FROM " + HISTORY
                  + " WHERE version <> '0'"), "round " + r + ", node " + (i + 1) + ": each version once");
            }
            Context ctx = Rel.ctx(Rel.newNamespace());
            Container c = stores.get(0).create(ctx, Rel.tokened("c", "r" + r));
            for (Store s : stores) {
              assertEquals(c, s.get(ctx, "c"), "round " + r + ": read on every node");
            }
          } finally {
            stores.forEach(Store::close);
          }
          passed++;
        }
      }
    } finally {
      pool.shutdownNow();
      System.out.println("GaleraMigrationTest: " + passed + " of " + ROUNDS + " rounds passed");
    }
  }
}
