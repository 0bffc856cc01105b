package dev.ctrstore.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.AbortedException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.Event;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Page;
import dev.ctrstore.RevisionCompactedException;
import dev.ctrstore.Store;
import dev.ctrstore.Watch;
import dev.ctrstore.spi.EventRetention;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The memory backend's revisions, conditional writes, watches, retention and pages. */
class MemoryRevisionsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final Store store = MemoryStoreProvider.openStore();
  private final Context ctx = Context.withNamespace("ns");

  @AfterEach
  void close() {
    store.close();
  }

  private static Container.Builder c(String id) {
    return Container.builder().id(id).runtime("rt").spec(Any.getDefaultInstance());
  }

  @Test
  void everyWriteTakesTheNextRevisionOfItsNamespace() {
    assertEquals(0, store.revision(ctx));
    Container a = store.create(ctx, c("a").revision(99).build());
    assertEquals(1, a.revision());
    assertEquals(a, store.get(ctx, "a"));
    Container a2 = store.update(ctx, c("a").image("i").build());
    assertEquals(2, a2.revision());
    assertEquals(a2, store.get(ctx, "a"));
    store.create(ctx, c("b").build());
    store.delete(ctx, "a");
    assertEquals(4, store.revision(ctx));
    assertEquals(0, store.revision(Context.withNamespace("other")));
    assertThrows(FailedPreconditionException.class, () -> store.revision(Context.empty()));
  }

  @Test
  void failedWritesTakeNoRevision() {
    store.create(ctx, c("a").build());
    assertThrows(RuntimeException.class, () -> store.create(ctx, c("a").build()));
    assertThrows(NotFoundException.class, () -> store.update(ctx, c("zz").build()));
    assertThrows(InvalidArgumentException.class,
        () -> store.update(ctx, c("a").build(), "nope"));
    assertEquals(1, store.revision(ctx));
    assertEquals(2, store.update(ctx, c("a").image("x").build()).revision());
  }

  @Test
  void updateIfWritesOnlyAtTheExpectedRevision() {
    Container a = store.create(ctx, c("a").build());
    AbortedException e = assertThrows(AbortedException.class,
        () -> store.updateIf(ctx, a.revision() + 1, c("a").image("x").build()));
    assertEquals(ErrorKind.ABORTED, e.kind());
    assertEquals(10, e.kind().grpcCode());
    assertTrue(e.getMessage().contains("\"a\"") && e.getMessage().contains("expected revision 2")
        && e.getMessage().contains("actual revision 1"), e.getMessage());
    assertEquals(a, store.get(ctx, "a"));
    Container a2 = store.updateIf(ctx, a.revision(), c("a").image("x").build(), "image");
    assertEquals("x", a2.image());
    assertEquals(2, a2.revision());
  }

  @Test
  void conditionalChecksComeInContainerdsOrder() {
    Container a = store.create(ctx, c("a").build());
    long wrong = a.revision() + 5;
    // namespace before everything
    assertThrows(FailedPreconditionException.class,
        () -> store.updateIf(Context.empty(), wrong, c("zz").build(), "bad"));
    assertThrows(FailedPreconditionException.class, () -> store.deleteIf(Context.empty(), "zz", wrong));
    // then NotFound, before the revision
    assertThrows(NotFoundException.class, () -> store.updateIf(ctx, wrong, c("zz").build(), "bad"));
    assertThrows(NotFoundException.class, () -> store.deleteIf(ctx, "zz", wrong));
    // then the revision, before the paths and validation
    assertThrows(AbortedException.class, () -> store.updateIf(ctx, wrong, c("a").build(), "bad"));
    assertThrows(AbortedException.class,
        () -> store.updateIf(ctx, wrong, c("a").runtime("changed").build()));
    // and with the right revision, the paths
    assertThrows(InvalidArgumentException.class,
        () -> store.updateIf(ctx, a.revision(), c("a").build(), "bad"));
    assertEquals(a, store.get(ctx, "a"));
  }

  @Test
  void deleteIfDeletesOnlyAtTheExpectedRevision() {
    Container a = store.create(ctx, c("a").build());
    AbortedException e = assertThrows(AbortedException.class,
        () -> store.deleteIf(ctx, "a", 7));
    assertTrue(e.getMessage().contains("expected revision 7"), e.getMessage());
    assertEquals(a, store.get(ctx, "a"));
    store.deleteIf(ctx, "a", a.revision());
    assertThrows(NotFoundException.class, () -> store.get(ctx, "a"));
    assertEquals(2, store.revision(ctx));
  }

  @Test
  void aWatchSeesEveryChangeInOrderWithContainerdsTopics() {
    Container a = store.create(ctx, c("a").build());
    try (Watch w = store.watch(ctx, 0)) {
      Container a2 = store.update(ctx, c("a").image("x").build());
      store.delete(ctx, "a");
      Event e1 = w.poll(WAIT);
      Event e2 = w.poll(WAIT);
      Event e3 = w.poll(WAIT);
      assertEquals(Event.of(Event.Type.CREATED, "ns", 1, a), e1);
      assertEquals("/containers/create", e1.topic());
      assertEquals(Event.of(Event.Type.UPDATED, "ns", 2, a2), e2);
      assertEquals("/containers/update", e2.topic());
      assertEquals(Event.Type.DELETED, e3.type());
      assertEquals("/containers/delete", e3.topic());
      assertEquals(3, e3.revision());
      assertEquals(a2, e3.container());
      assertEquals("a", e3.id());
      assertNull(w.poll(Duration.ofMillis(50)));
    }
  }

  @Test
  void aWatchWakesAsSoonAsAWriteCommits() throws Exception {
    try (Watch w = store.watch(ctx, store.revision(ctx))) {
      Thread writer = new Thread(() -> {
        sleep(100);
        store.create(ctx, c("late").build());
      });
      writer.start();
      Event e = w.poll(WAIT);
      writer.join();
      assertNotNull(e);
      assertEquals("late", e.id());
    }
  }

  @Test
  void aWatchResumesAfterTheLastRevisionSeen() {
    for (int i = 0; i < 10; i++) {
      store.create(ctx, c("c" + i).build());
    }
    long seen;
    try (Watch w = store.watch(ctx, 0)) {
      for (int i = 0; i < 4; i++) {
        assertNotNull(w.poll(WAIT));
      }
      seen = 4;
    }
    List<Long> rest = new ArrayList<>();
    try (Watch w = store.watch(ctx, seen)) {
      Event e;
      while ((e = w.poll(Duration.ofMillis(50))) != null) {
        rest.add(e.revision());
      }
    }
    assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), rest);
  }

  @Test
  void aClosedWatchRefusesToPoll() {
    Watch w = store.watch(ctx, 0);
    w.close();
    w.close();
    assertThrows(FailedPreconditionException.class, () -> w.poll(Duration.ZERO));
    assertThrows(InvalidArgumentException.class, () -> store.watch(ctx, -1));
  }

  @Test
  void aWatchFromACompactedRevisionFailsAndTellsToListAgain() throws Exception {
    try (Store small = MemoryStoreProvider.openStore(EventRetention.of(null, 3))) {
      for (int i = 0; i < 10; i++) {
        small.create(ctx, c("c" + i).build());
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      RevisionCompactedException e = null;
      while (e == null && System.nanoTime() < deadline) {
        try {
          small.watch(ctx, 0).close();
          Thread.sleep(20);
        } catch (RevisionCompactedException x) {
          e = x;
        }
      }
      assertNotNull(e, "the background compaction never ran");
      assertEquals(ErrorKind.FAILED_PRECONDITION, e.kind());
      assertEquals(7, e.compactedRevision());
      assertTrue(e.getMessage().contains("list again"), e.getMessage());
      try (Watch w = small.watch(ctx, 7)) {
        assertEquals(8, w.poll(WAIT).revision());
      }
    }
  }

  @Test
  void aWatcherOvertakenByCompactionIsTold() throws Exception {
    try (Store small = MemoryStoreProvider.openStore(EventRetention.of(Duration.ofMillis(40), Long.MAX_VALUE));
        Watch w = small.watch(ctx, 0)) {
      small.create(ctx, c("a").build());
      small.create(ctx, c("b").build());
      assertEquals(1, w.poll(WAIT).revision()); // the second is buffered with the first
      Thread.sleep(300);
      small.create(ctx, c("c").build());
      assertEquals(2, w.poll(WAIT).revision());
      Thread.sleep(300);
      small.create(ctx, c("d").build());
      Thread.sleep(300); // both c and d are older than 40 ms by now
      assertThrows(RevisionCompactedException.class, () -> w.poll(WAIT));
    }
  }

  @Test
  void thePublisherDeliversAsDemandAllows() throws Exception {
    for (int i = 0; i < 5; i++) {
      store.create(ctx, c("c" + i).build());
    }
    Watch w = store.watch(ctx, 0);
    List<Long> got = new CopyOnWriteArrayList<>();
    CountDownLatch three = new CountDownLatch(3);
    CountDownLatch done = new CountDownLatch(1);
    Flow.Subscription[] sub = new Flow.Subscription[1];
    w.publisher().subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        sub[0] = s;
        s.request(3);
      }

      @Override
      public void onNext(Event item) {
        got.add(item.revision());
        three.countDown();
      }

      @Override
      public void onError(Throwable t) {
        done.countDown();
      }

      @Override
      public void onComplete() {
        done.countDown();
      }
    });
    assertTrue(three.await(5, TimeUnit.SECONDS));
    Thread.sleep(300);
    assertEquals(List.of(1L, 2L, 3L), got, "no more than requested");
    sub[0].request(10);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (got.size() < 5 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), got);
    w.close();
    assertTrue(done.await(5, TimeUnit.SECONDS), "onComplete after close");
  }

  @Test
  void pagesWalkTheNamespaceInIdOrder() {
    for (int i = 0; i < 25; i++) {
      store.create(ctx, c(String.format("c%02d", i)).label("odd", i % 2 == 1 ? "y" : "n").build());
    }
    Page p1 = store.page(ctx, 10, null);
    assertEquals(10, p1.containers().size());
    assertEquals("c00", p1.containers().get(0).id());
    assertEquals(25, p1.revision());
    Page p2 = store.page(ctx, 10, p1.nextPageToken());
    assertEquals("c10", p2.containers().get(0).id());
    Page p3 = store.page(ctx, 10, p2.nextPageToken());
    assertEquals(5, p3.containers().size());
    assertNull(p3.nextPageToken());
    Page exact = store.page(ctx, 25, null);
    assertNull(exact.nextPageToken(), "no token to an empty page");

    List<String> odd = new ArrayList<>();
    String token = null;
    do {
      Page p = store.page(ctx, 4, token, "labels.odd==y");
      p.containers().forEach(x -> odd.add(x.id()));
      token = p.nextPageToken();
    } while (token != null);
    assertEquals(12, odd.size());
    assertEquals("c01", odd.get(0));
    assertEquals("c23", odd.get(11));
  }

  @Test
  void pagesSkipNothingThatExistedThroughout() {
    for (int i = 0; i < 20; i++) {
      store.create(ctx, c(String.format("c%02d", i)).build());
    }
    Page p1 = store.page(ctx, 5, null);
    store.delete(ctx, "c02"); // on a page already read
    store.delete(ctx, "c07"); // on a page not read yet
    store.create(ctx, c("c00a").build()); // before the cursor
    store.create(ctx, c("c10a").build()); // after it
    List<String> seen = new ArrayList<>(p1.containers().stream().map(Container::id).toList());
    String token = p1.nextPageToken();
    while (token != null) {
      Page p = store.page(ctx, 5, token);
      p.containers().forEach(x -> seen.add(x.id()));
      token = p.nextPageToken();
    }
    assertEquals(seen.stream().sorted().toList(), seen);
    assertEquals(seen.stream().distinct().count(), seen.size());
    for (int i = 0; i < 20; i++) {
      String id = String.format("c%02d", i);
      if (i != 2 && i != 7) {
        assertTrue(seen.contains(id), id);
      }
    }
    assertTrue(seen.contains("c10a"));
  }

  @Test
  void pageTokensAreCheckedAndLimitsTooThenNamespaceFirst() {
    for (int i = 0; i < 5; i++) {
      store.create(ctx, c("c" + i).label("k", "v").build());
    }
    String token = store.page(ctx, 2, null, "labels.k==v").nextPageToken();
    assertNotNull(token);
    assertEquals("c2", store.page(ctx, 2, token, "labels.k==v").containers().get(0).id());
    assertThrows(InvalidArgumentException.class, () -> store.page(ctx, 2, token));
    assertThrows(InvalidArgumentException.class, () -> store.page(ctx, 2, token, "labels.k"));
    assertThrows(InvalidArgumentException.class,
        () -> store.page(Context.withNamespace("other"), 2, token, "labels.k==v"));
    String altered = (token.charAt(3) == 'A' ? "B" : "A");
    String bad = token.substring(0, 3) + altered + token.substring(4);
    assertThrows(InvalidArgumentException.class, () -> store.page(ctx, 2, bad, "labels.k==v"));
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> store.page(ctx, 0, null));
    assertTrue(e.getMessage().contains("limit"), e.getMessage());
    assertThrows(FailedPreconditionException.class, () -> store.page(Context.empty(), 0, "junk"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
