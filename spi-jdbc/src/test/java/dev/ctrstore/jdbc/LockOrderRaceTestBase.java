package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.AlreadyExistsException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.NamespacedContainer;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.TransferOptions;
import dev.ctrstore.TransferReport;
import dev.ctrstore.Transfers;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The one lock order (the namespace's counter, then rows) on a real database: creates of an id
 * that exists, updates and deletes of it and bulk-move batches writing it all at once never wait
 * on each other in a cycle, so no transaction is ever run again (a deadlock would be retried,
 * which the count of runs of write work shows), and revisions stay gap-free and in order.
 */
abstract class LockOrderRaceTestBase {
  abstract String url();

  private static final int ROUNDS = 40;
  private final Context ctx = Context.withNamespace("race-" + UUID.randomUUID());

  private static Container container(String id, String image) {
    return Container.builder().id(id).image(image).runtime("io.containerd.runc.v2")
        .spec(Any.getDefaultInstance()).build();
  }

  @Test
  void createsUpdatesDeletesAndBatchesOfOneIdNeverRunAgain() throws Exception {
    Runs storage = new Runs(JdbcStoreProvider.openStorage(StoreConfig.of(Map.of(
        JdbcStoreProvider.URL, url(), JdbcStoreProvider.RETENTION, "1h"))));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger calls = new AtomicInteger();
    Instant t = Instant.parse("2024-01-02T03:04:05.123456Z");
    try (Store store = Stores.over(storage)) {
      store.create(ctx, container("x", "0"));
      calls.incrementAndGet();
      List<Future<Integer>> runs = new ArrayList<>();
      for (int thread = 0; thread < 8; thread++) {
        int kind = thread % 4;
        runs.add(pool.submit(() -> {
          int written = 0;
          for (int i = 0; i < ROUNDS; i++) {
            calls.incrementAndGet();
            try {
              switch (kind) {
                case 0 -> store.create(ctx, container("x", "c" + i));
                case 1 -> store.update(ctx, container("x", "u" + i));
                case 2 -> store.delete(ctx, "x");
                default -> {
                  // Two ids, so it is a batch of one transaction rather than a single write.
                  List<NamespacedContainer> batch = List.of("x", "y").stream().map(id ->
                      new NamespacedContainer(ctx.namespace(), container(id, "b").toBuilder()
                          .createdAt(t).updatedAt(t).build())).toList();
                  TransferReport r = Transfers.write(batch.stream(), store,
                      TransferOptions.builder().overwrite(true).build());
                  assertEquals(0, r.failed(), () -> "batch failed: " + r.problems());
                  written += (int) (r.copied() + r.replaced());
                  continue;
                }
              }
              written++;
            } catch (AlreadyExistsException | NotFoundException expected) {
              // taken or gone: outcomes the contract allows
            }
          }
          return written;
        }));
      }
      int writes = 1;
      for (Future<Integer> f : runs) {
        writes += f.get(180, TimeUnit.SECONDS);
      }
      assertEquals(calls.get(), storage.runs.get(),
          "runs of write work beyond one per call: transactions run again after a deadlock");
      assertEquals(writes, store.revision(ctx), "one revision per write, no gaps");
      List<Event> log = storage.events(ctx, ctx.namespace(), 0, 10_000).events();
      assertEquals(writes, log.size());
      for (int i = 0; i < log.size(); i++) {
        assertEquals(i + 1, log.get(i).revision());
      }
      assertTrue(writes > 1 + ROUNDS, "too few writes succeeded to race: " + writes);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Counts the runs of write work: a call whose transaction the backend ran again counts twice. */
  private static final class Runs implements Storage {
    final Storage delegate;
    final AtomicInteger runs = new AtomicInteger();

    Runs(Storage delegate) {
      this.delegate = delegate;
    }

    @Override
    public Set<Capability> capabilities() {
      return delegate.capabilities();
    }

    @Override
    public <T extends @Nullable Object> T read(Context c, String namespace, ReadWork<T> work) {
      return delegate.read(c, namespace, work);
    }

    @Override
    public <T extends @Nullable Object> T write(Context c, String namespace, WriteWork<T> work) {
      return delegate.write(c, namespace, w -> {
        runs.incrementAndGet();
        return work.run(w);
      });
    }

    @Override
    public @Nullable Container get(Context c, String namespace, String id) {
      return delegate.get(c, namespace, id);
    }

    @Override
    public Events events(Context c, String namespace, long afterRevision, int limit) {
      return delegate.events(c, namespace, afterRevision, limit);
    }

    @Override
    public void awaitEvents(String namespace, long afterRevision, Duration timeout)
        throws InterruptedException {
      delegate.awaitEvents(namespace, afterRevision, timeout);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
