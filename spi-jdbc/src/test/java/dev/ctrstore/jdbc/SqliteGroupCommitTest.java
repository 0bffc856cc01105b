package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.testing.SqliteTestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SQLite's group commit ({@link GroupCommit}): writes that queue behind a running one share its
 * transaction and its commit; one that fails takes only itself back; nothing acknowledged is lost.
 */
class SqliteGroupCommitTest {
  @RegisterExtension static final SqliteTestDatabase DB = new SqliteTestDatabase();

  private static StoreConfig config() {
    return StoreConfig.of(Map.of(JdbcStoreProvider.URL, DB.url()));
  }

  private static String namespace() {
    return "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static Container.Builder container(String id) {
    return Container.builder().id(id).runtime("io.containerd.runc.v2")
        .spec(Any.newBuilder().setTypeUrl("test/spec").setValue(ByteString.copyFromUtf8(id)).build());
  }

  /** A create as the engine writes it: revision, row, event; the caller's hook runs last. */
  private static <T> T create(JdbcStorage storage, Context ctx, String id, Runnable last) {
    return storage.write(ctx, ctx.namespace(), w -> {
      long rev = w.nextRevision();
      Instant now = Instant.now();
      Container c = container(id).createdAt(now).updatedAt(now).revision(rev).build();
      assertTrue(w.insert(c));
      w.append(Event.of(Event.Type.CREATED, ctx.namespace(), rev, c));
      last.run();
      return null;
    });
  }

  private static void awaitWaiting(GroupCommit group, int writers) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (group.waiting() < writers && System.nanoTime() < until) {
      Thread.sleep(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS), "timed out");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aFailingWriteInAGroupTakesOnlyItselfBack() throws Exception {
    String ns = namespace();
    Context ctx = Context.withNamespace(ns);
    JdbcStorage storage = JdbcStoreProvider.openStorage(config());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (Store store = Stores.over(storage)) {
      GroupCommit group = storage.groupCommit();
      assertNotNull(group);
      CountDownLatch firstIn = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      // The first write holds the group open until two more writers queue behind it.
      Future<?> first = pool.submit(() -> create(storage, ctx, "first", () -> {
        firstIn.countDown();
        await(release);
      }));
      await(firstIn);
      long commitsBefore = group.commits();
      Future<?> failing = pool.submit(() -> create(storage, ctx, "failing", () -> {
        throw new IllegalStateException("the failing write's own failure");
      }));
      Future<Container> third = pool.submit(() -> store.create(ctx, container("third").build()));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (group.waiting() < 2 && System.nanoTime() < until) {
        Thread.sleep(1);
      }
      assertEquals(2, group.waiting(), "both writers queue behind the first");
      release.countDown();

      first.get(30, TimeUnit.SECONDS);
      Container created = third.get(30, TimeUnit.SECONDS);
      java.util.concurrent.ExecutionException failed =
          assertThrows(java.util.concurrent.ExecutionException.class,
              () -> failing.get(30, TimeUnit.SECONDS));
      assertEquals("the failing write's own failure", failed.getCause().getMessage());
      assertEquals(commitsBefore + 1, group.commits(), "the three writes shared one commit");

      assertNotNull(store.get(ctx, "first"));
      assertThrows(NotFoundException.class, () -> store.get(ctx, "failing"),
          "the failed write left nothing");
      assertEquals(2, created.revision(), "the failed write's revision was taken back");
      List<Event> events = storage.events(ctx, ns, 0, 10).events();
      assertEquals(List.of(1L, 2L), events.stream().map(Event::revision).toList());
      assertEquals(List.of("first", "third"), events.stream().map(e -> e.container().id()).toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noAcknowledgedWriteIsLostWhileWritesFailInTheirGroups() throws Exception {
    String ns = namespace();
    Context ctx = Context.withNamespace(ns);
    int threads = 8;
    int perThread = 40;
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> updated = ConcurrentHashMap.newKeySet();
    Set<String> failed = ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
    JdbcStorage storage = JdbcStoreProvider.openStorage(config());
    long commits;
    try (Store store = Stores.over(storage)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        fs.add(pool.submit(() -> {
          await(start);
          for (int k = 0; k < perThread; k++) {
            String id = "c-" + thread + "-" + k;
            if (k % 3 == 2) {
              assertThrows(IllegalStateException.class, () -> create(storage, ctx, id, () -> {
                throw new IllegalStateException("fails on purpose");
              }));
              failed.add(id);
            } else if (k % 3 == 1) {
              store.create(ctx, container(id).build());
              acknowledged.add(id);
              writes.incrementAndGet();
              store.update(ctx, container(id).label("x", "1").build(), "labels.x");
              updated.add(id);
              writes.incrementAndGet();
            } else {
              store.create(ctx, container(id).build());
              acknowledged.add(id);
              writes.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : fs) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      commits = storage.groupCommit().commits();
    }
    // Reopened: every acknowledged write is there, no failed one, and the log has no gap.
    JdbcStorage reopened = JdbcStoreProvider.openStorage(config());
    try (Store store = Stores.over(reopened)) {
      for (String id : acknowledged) {
        Container c = store.get(ctx, id);
        assertEquals(updated.contains(id) ? "1" : null, c.labels().get("x"), id);
      }
      for (String id : failed) {
        assertThrows(NotFoundException.class, () -> store.get(ctx, id), id);
      }
      List<Event> events = reopened.events(ctx, ns, 0, 10_000).events();
      assertEquals(writes.get(), events.size(), "one event per acknowledged write");
      for (int i = 0; i < events.size(); i++) {
        assertEquals(i + 1, events.get(i).revision(), "revisions without a gap");
      }
      assertTrue(commits <= writes.get(), "commits " + commits + ", writes " + writes.get());
      // The counter row was set by the groups, not only counted in memory.
      assertEquals(writes.get(), store.revision(ctx), "the committed counter");
      assertEquals(writes.get() + 1, store.create(ctx, container("after").build()).revision());
    }
  }

  /**
   * A write needs no JDBI handle, but a filtered list inside one opens it on the group's own
   * connection (it sees the write's uncommitted row), with or without a deadline.
   */
  @Test
  void aFilteredListInsideAWriteReadsTheGroupsOwnTransaction() throws Exception {
    String ns = namespace();
    JdbcStorage storage = JdbcStoreProvider.openStorage(config());
    try (Store store = Stores.over(storage)) {
      store.create(Context.withNamespace(ns), container("committed").label("team", "a").build());
      for (Context ctx : List.of(Context.withNamespace(ns),
          Context.withNamespace(ns).withTimeout(java.time.Duration.ofSeconds(30)))) {
        String id = "pending-" + (ctx.deadline() == null ? "plain" : "deadline");
        List<String> seen = storage.write(ctx, ns, w -> {
          long rev = w.nextRevision();
          Instant now = Instant.now();
          Container c = container(id).label("team", "a").createdAt(now).updatedAt(now)
              .revision(rev).build();
          assertTrue(w.insert(c));
          w.append(Event.of(Event.Type.CREATED, ns, rev, c));
          return w.candidates(dev.ctrstore.filter.Filters.parse("labels.team==a")).stream()
              .map(Container::id).sorted().toList();
        });
        assertTrue(seen.contains("committed") && seen.contains(id), seen.toString());
      }
      assertEquals(3, store.list(Context.withNamespace(ns), "labels.team==a").size());
    }
  }

  /**
   * A write that was the first of its namespace in the group read that namespace's counter; when
   * it fails, the next write of the namespace in the same group reads it again and takes the
   * failed write's revision; the other namespace's count goes on.
   */
  @Test
  void aFailedFirstWriteOfANamespaceInAGroupGivesItsCounterBack() throws Exception {
    String a = namespace();
    String b = namespace();
    Context inA = Context.withNamespace(a);
    Context inB = Context.withNamespace(b);
    JdbcStorage storage = JdbcStoreProvider.openStorage(config());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Store store = Stores.over(storage)) {
      store.create(inB, container("b0").build()); // b's counter row exists: 1
      GroupCommit group = storage.groupCommit();
      CountDownLatch firstIn = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<?> first = pool.submit(() -> create(storage, inA, "a1", () -> {
        firstIn.countDown();
        await(release);
      }));
      await(firstIn);
      long commitsBefore = group.commits();
      // Queued one after another: they take the group lock in that order.
      Future<?> failing = pool.submit(() -> create(storage, inB, "b-failing", () -> {
        throw new IllegalStateException("fails after taking b's revision 2");
      }));
      awaitWaiting(group, 1);
      Future<Container> b2 = pool.submit(() -> store.create(inB, container("b2").build()));
      awaitWaiting(group, 2);
      Future<Container> a2 = pool.submit(() -> store.create(inA, container("a2").build()));
      awaitWaiting(group, 3);
      assertEquals(3, group.waiting(), "three writers queue behind the first");
      release.countDown();
      first.get(30, TimeUnit.SECONDS);
      assertThrows(java.util.concurrent.ExecutionException.class,
          () -> failing.get(30, TimeUnit.SECONDS));
      assertEquals(2, b2.get(30, TimeUnit.SECONDS).revision(), "b's revision 2, taken back");
      assertEquals(2, a2.get(30, TimeUnit.SECONDS).revision());
      assertEquals(commitsBefore + 1, group.commits(), "the four writes shared one commit");
      assertEquals(2, store.revision(inA));
      assertEquals(2, store.revision(inB));
      assertEquals(List.of("b0", "b2"), storage.events(inB, b, 0, 10).events().stream()
          .map(e -> e.container().id()).toList());
      assertEquals(3, store.create(inB, container("b3").build()).revision());
    } finally {
      pool.shutdownNow();
    }
  }
}
