package dev.ctrstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ctrstore.spi.Storage.Capability;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's one lock order over a storage with revisions: every write takes the namespace's
 * counter first, before it reads, locks or writes a container, and a create reads nothing (its
 * insert finds a taken id). A write that then fails takes no revision, because its transaction
 * rolls back. The calls each write makes on the storage's writer are checked in order.
 */
class WriteLockOrderTest {
  private final TestStorage storage = new TestStorage();
  private final Context ctx = Context.withNamespace("a");
  private Store store;

  @BeforeEach
  void open() {
    storage.capabilities = Set.of(Capability.REVISIONS, Capability.REVISION_BATCHES);
    store = Stores.over(storage);
  }

  private static Container container(String id, String image) {
    return TransfersTest.container(id, 1).toBuilder().image(image).build();
  }

  /** The writer calls of {@code write}, which must leave the revision at {@code revision}. */
  private List<String> calls(Runnable write, long revision) {
    storage.writerCalls.clear();
    write.run();
    assertEquals(revision, store.revision(ctx));
    return List.copyOf(storage.writerCalls);
  }

  @Test
  void aCreateTakesTheCounterFirstAndReadsNothing() {
    assertEquals(List.of("nextRevision", "insert", "append"),
        calls(() -> store.create(ctx, container("x", "i")), 1));
  }

  @Test
  void aCreateOfATakenIdFailsAtItsInsertAndTakesNoRevision() {
    store.create(ctx, container("x", "i"));
    assertEquals(List.of("nextRevision", "insert"), calls(() -> assertThrows(
        AlreadyExistsException.class, () -> store.create(ctx, container("x", "j"))), 1));
    assertEquals(1, storage.events.size());
  }

  @Test
  void updatesAndDeletesTakeTheCounterBeforeTheirRow() {
    store.create(ctx, container("x", "i"));
    assertEquals(List.of("nextRevision", "getForUpdate", "replace", "append"),
        calls(() -> store.update(ctx, container("x", "j"), "image"), 2));
    assertEquals(List.of("nextRevision", "getForUpdate", "replace", "append"),
        calls(() -> store.updateIf(ctx, 2, container("x", "k"), "image"), 3));
    assertEquals(List.of("nextRevision", "getForUpdate", "delete", "append"),
        calls(() -> store.deleteIf(ctx, "x", 3), 4));
  }

  @Test
  void failedUpdatesAndDeletesTakeNoRevisionAndKeepContainerdsOrderOfChecks() {
    store.create(ctx, container("x", "i"));
    List<String> lockedThenFailed = List.of("nextRevision", "getForUpdate");
    assertEquals(lockedThenFailed, calls(() -> assertThrows(NotFoundException.class,
        () -> store.updateIf(ctx, 7, container("y", "j"))), 1), "NotFound before the revision");
    assertEquals(lockedThenFailed, calls(() -> assertThrows(AbortedException.class,
        () -> store.updateIf(ctx, 7, container("x", "j"), "nonsense")), 1),
        "the revision before the paths");
    assertEquals(lockedThenFailed, calls(() -> assertThrows(InvalidArgumentException.class,
        () -> store.update(ctx, container("x", "j").toBuilder().runtime(new RuntimeInfo("", null))
            .build(), "runtime")), 1), "validation");
    assertEquals(lockedThenFailed, calls(() -> assertThrows(NotFoundException.class,
        () -> store.deleteIf(ctx, "y", 7)), 1));
    assertEquals(lockedThenFailed, calls(() -> assertThrows(AbortedException.class,
        () -> store.deleteIf(ctx, "x", 7)), 1));
    assertEquals(1, storage.events.size());
  }

  /**
   * A batch takes one revision per container before it reads any, and gives back those its
   * identical and conflicting containers did not use; a batch that writes nothing gives back
   * all of them and a single container that needs no write rolls back.
   */
  @Test
  void aBatchTakesTheCounterFirstAndGivesBackWhatItDidNotWrite() {
    store.create(ctx, container("c0", "i"));
    Container same = store.get(ctx, "c0").toBuilder().revision(0).build();
    Container conflicting = container("c1", "i");
    store.create(ctx, conflicting.toBuilder().image("other").build());
    List<NamespacedContainer> batch = Stream.of(same, conflicting, container("c2", "i"),
        container("c3", "i")).map(c -> new NamespacedContainer("a", c)).toList();

    List<String> calls = calls(() -> Transfers.write(batch.stream(), store,
        TransferOptions.defaults()), 4);
    assertEquals(List.of("nextRevisions(4)", "getForUpdate", "getForUpdate", "getForUpdate",
        "getForUpdate", "giveBackRevisions(2)", "insert", "append", "insert", "append"), calls);
    assertEquals(List.of(3L, 4L), storage.events.subList(2, 4).stream().map(Event::revision)
        .toList());

    assertEquals(List.of("nextRevisions(4)", "getForUpdate", "getForUpdate", "getForUpdate",
        "getForUpdate", "giveBackRevisions(4)"), calls(() -> Transfers.write(batch.stream(), store,
        TransferOptions.defaults()), 4));

    int commits = storage.commits;
    assertEquals(List.of("nextRevision", "getForUpdate"), calls(() -> Transfers.write(
        batch.subList(0, 1).stream(), store, TransferOptions.defaults()), 4));
    assertEquals(commits, storage.commits, "a single container needing no write rolls back");
    assertEquals(4, storage.events.size());
  }
}
