package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.AlreadyExistsException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The change log's retention and the counter's lock order on a real database: compaction by count
 * and by age keeps a suffix of the log and reports how far it compacted; creates racing updates
 * and deletes of the same id (the one lock-order cycle) only ever end as the contract says.
 */
abstract class EventLogTestBase {
  abstract String url();

  private final Context ctx = Context.withNamespace("log-" + UUID.randomUUID());

  private JdbcStorage open(String retention) {
    return JdbcStoreProvider.openStorage(StoreConfig.of(Map.of(JdbcStoreProvider.URL, url(),
        JdbcStoreProvider.RETENTION, retention)));
  }

  private static Container container(String id, String image) {
    return Container.builder().id(id).image(image).runtime("io.containerd.runc.v2")
        .spec(Any.getDefaultInstance()).build();
  }

  @Test
  void compactionByCountKeepsTheNewestEventsAndSaysHowFarItWent() {
    JdbcStorage storage = open("3");
    try (Store store = Stores.over(storage)) {
      for (int i = 0; i < 8; i++) {
        store.create(ctx, container("c" + i, "i"));
      }
      storage.eventLog().compact();
      Storage.Events log = storage.events(ctx, ctx.namespace(), 0, 100);
      assertEquals(5, log.compactedThrough());
      assertEquals(List.of(6L, 7L, 8L), log.events().stream().map(Event::revision).toList());
      assertEquals(List.of(), storage.events(ctx, ctx.namespace(), 8, 100).events());
    }
  }

  @Test
  void compactionByAgeEmptiesTheLogThroughTheCounter() throws Exception {
    JdbcStorage storage = open("1ms");
    try (Store store = Stores.over(storage)) {
      store.create(ctx, container("a", "i"));
      store.update(ctx, container("a", "j"));
      store.delete(ctx, "a");
      Thread.sleep(5); // older than the age limit
      storage.eventLog().compact();
      Storage.Events log = storage.events(ctx, ctx.namespace(), 0, 100);
      assertEquals(List.of(), log.events());
      assertEquals(3, log.compactedThrough(), "an empty log is compacted through the counter");
      assertEquals(3, store.revision(ctx));
      store.create(ctx, container("b", "i"));
      assertEquals(4, storage.events(ctx, ctx.namespace(), 3, 100).events().get(0).revision());
    }
  }

  @Test
  void anUnknownNamespaceHasAnEmptyLog() {
    JdbcStorage storage = open("1h");
    try (Store store = Stores.over(storage)) {
      Storage.Events log = storage.events(ctx, ctx.namespace(), 0, 100);
      assertEquals(List.of(), log.events());
      assertEquals(0, log.compactedThrough());
      assertEquals(0, store.revision(ctx));
    }
  }

  /**
   * An update or delete locks its row and then the counter; a create of the same id locks the
   * counter and then waits for that row: the database breaks the cycle, the victim runs again,
   * and every call ends as the contract says (no AbortedException, no UNKNOWN), with revisions
   * still gap-free and in order.
   */
  @Test
  void createsRacingUpdatesOfTheSameIdEndAsTheContractSays() throws Exception {
    JdbcStorage storage = open("1h");
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (Store store = Stores.over(storage)) {
      store.create(ctx, container("x", "0"));
      List<Future<Integer>> runs = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int kind = t % 3;
        runs.add(pool.submit(() -> {
          int done = 0;
          for (int i = 0; i < 30; i++) {
            try {
              switch (kind) {
                case 0 -> store.create(ctx, container("x", "c" + i));
                case 1 -> store.update(ctx, container("x", "u" + i));
                default -> store.delete(ctx, "x");
              }
              done++;
            } catch (AlreadyExistsException | NotFoundException expected) {
              // the id was taken, or gone: both are outcomes the contract allows
            }
          }
          return done;
        }));
      }
      int writes = 1;
      for (Future<Integer> f : runs) {
        writes += f.get(120, TimeUnit.SECONDS);
      }
      assertEquals(writes, store.revision(ctx), "one revision per successful write, no gaps");
      List<Event> log = storage.events(ctx, ctx.namespace(), 0, 10_000).events();
      assertEquals(writes, log.size());
      for (int i = 0; i < log.size(); i++) {
        assertEquals(i + 1, log.get(i).revision());
      }
      assertTrue(writes > 1);
    } finally {
      pool.shutdownNow();
    }
  }
}
