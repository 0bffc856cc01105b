package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.AlreadyExistsException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.NamespacedContainer;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import dev.ctrstore.StoreObserver;
import dev.ctrstore.Stores;
import dev.ctrstore.TransferOptions;
import dev.ctrstore.TransferReport;
import dev.ctrstore.Transfers;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.testing.FaultInjectingStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The change log's retention and the counter's lock order on a real database: compaction by count
 * and by age keeps a suffix of the log and reports how far it compacted; a bulk move's batch
 * takes its revisions at once; creates racing updates and deletes of the same id (the cycle a
 * second lock order would close) only ever end as the contract says.
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
      // The next write continues the counter. (Its event is not read back: with a 1 ms age
      // limit the store's own compaction thread may already have removed it.)
      assertEquals(4, store.create(ctx, container("b", "i")).revision());
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
   * A bulk move's batch is one transaction that takes its revisions from the counter at once,
   * first (one statement, one revision per container): each container written gets one of them
   * and an event, the counter goes on after the last, and a second run writes nothing and gives
   * back all it took.
   */
  @Test
  void aBulkMoveBatchTakesOneRevisionPerContainerInOneTransaction() {
    FaultInjectingStorage storage = new FaultInjectingStorage(open("1h"));
    List<String> calls = new CopyOnWriteArrayList<>();
    storage.setHook((c, ns, operation, index) -> {
      if (index == 1) {
        calls.add("transaction");
      }
      if (operation.startsWith("nextRevision") || operation.equals("giveBackRevisions")) {
        calls.add(operation);
      }
    });
    Instant t = Instant.parse("2024-01-02T03:04:05.123456Z");
    try (Store store = Stores.over(storage)) {
      store.create(ctx, container("c0", "old"));
      calls.clear();
      List<NamespacedContainer> batch = IntStream.range(0, 5).mapToObj(i ->
          new NamespacedContainer(ctx.namespace(), container("c" + i, "new").toBuilder()
              .createdAt(t).updatedAt(t.plusSeconds(i)).build())).toList();
      TransferReport r = Transfers.write(batch.stream(), store,
          TransferOptions.builder().overwrite(true).build());
      assertEquals(List.of(1L, 4L), List.of(r.replaced(), r.copied()));
      assertEquals(List.of("transaction", "nextRevisions"), calls);
      assertEquals(6, store.revision(ctx));
      List<Event> log = storage.events(ctx, ctx.namespace(), 1, 100).events();
      assertEquals(List.of(2L, 3L, 4L, 5L, 6L), log.stream().map(Event::revision).toList());
      assertEquals(Event.Type.UPDATED, log.get(0).type());
      assertEquals(Event.Type.CREATED, log.get(4).type());
      assertEquals(batch.get(4).container().toBuilder().revision(6).build(),
          store.get(ctx, "c4"));
      assertEquals(7, store.create(ctx, container("d", "i")).revision());

      calls.clear();
      TransferReport again = Transfers.write(batch.stream(), store, TransferOptions.defaults());
      assertEquals(5, again.identical());
      assertEquals(List.of("transaction", "nextRevisions", "giveBackRevisions"), calls);
      assertEquals(7, store.revision(ctx));
      assertEquals(List.of(), storage.events(ctx, ctx.namespace(), 7, 100).events());
    }
  }

  /**
   * The lock order is counter, then row, for every write: so every create of an id that exists
   * throughout, racing updates of that id, fails with ALREADY_EXISTS at its insert, never
   * ABORTED after deadlocks outlived the retries, takes no revision, and no transaction is ever
   * run again. (When a create took the counter first but updates locked their row first, the
   * create waited in its insert for the update's row, which waited for the counter: a cycle the
   * database broke, up to 10 attempts seen on MariaDB for one call.)
   */
  @Test
  void createsOfAnExistingIdRacingUpdatesFailWithAlreadyExists() throws Exception {
    JdbcStorage storage = open("1h");
    ExecutorService pool = Executors.newFixedThreadPool(6);
    AtomicInteger retries = new AtomicInteger();
    StoreObserver countRetries = (operation, info, namespace, id, filters) ->
        new StoreObserver.Observation() {
          @Override
          public void retried(Throwable cause) {
            retries.incrementAndGet();
          }

          @Override
          public void succeeded(int resultCount) {}

          @Override
          public void failed(StoreException error) {}
        };
    try (Store store = Stores.over(storage).observedBy(countRetries)) {
      store.create(ctx, container("x", "0"));
      List<Future<int[]>> runs = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        boolean creator = t % 2 == 0;
        runs.add(pool.submit(() -> {
          int[] outcomes = new int[2]; // successful updates, creates refused as ALREADY_EXISTS
          for (int i = 0; i < 40; i++) {
            if (creator) {
              assertThrows(AlreadyExistsException.class,
                  () -> store.create(ctx, container("x", "c")));
              outcomes[1]++;
            } else {
              store.update(ctx, container("x", "u" + i));
              outcomes[0]++;
            }
          }
          return outcomes;
        }));
      }
      int updates = 0;
      int refused = 0;
      for (Future<int[]> f : runs) {
        int[] o = f.get(120, TimeUnit.SECONDS);
        updates += o[0];
        refused += o[1];
      }
      assertEquals(120, updates);
      assertEquals(120, refused);
      assertEquals(1 + updates, store.revision(ctx), "refused creates take no revision");
      assertEquals(0, retries.get(), "transactions run again after a deadlock");
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Creates, updates and deletes of one id at once end as the contract says (created, updated,
   * deleted, ALREADY_EXISTS, NOT_FOUND; never ABORTED nor UNKNOWN), with revisions gap-free and
   * in order.
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
