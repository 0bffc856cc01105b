package dev.ctrstore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ctrstore.spi.Storage.Capability;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bulk moves into a storage with revisions: every container written takes a revision and an
 * event of its own, a batch is one transaction when the storage can hand out several revisions
 * at once ({@link Capability#REVISION_BATCHES}), and one transaction per container otherwise.
 */
class TransferRevisionsTest {
  private final TestStorage storage = new TestStorage();
  private Store target = Stores.over(storage);

  /** The store opened over {@link #storage} once it declares {@code capabilities}. */
  private void declare(Capability... capabilities) {
    storage.capabilities = Set.of(capabilities);
    target = Stores.over(storage);
  }

  private static Stream<NamespacedContainer> items(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> new NamespacedContainer("a",
        TransfersTest.container(String.format("c%04d", i), i)));
  }

  private List<Long> revisionsOfEvents() {
    return storage.events.stream().map(Event::revision).toList();
  }

  @Test
  void aBatchIsOneTransactionTakingOneRevisionAndOneEventPerContainerWritten() {
    declare(Capability.REVISIONS, Capability.REVISION_BATCHES);
    Transfers.write(items(0, 2), target, TransferOptions.defaults());
    Container changed = TransfersTest.container("c0003", 3).toBuilder().image("other").build();
    TransferReport r = Transfers.write(Stream.concat(items(0, 3),
        Stream.of(new NamespacedContainer("a", changed))), target,
        TransferOptions.builder().overwrite(true).build());
    assertEquals(2, r.identical());
    assertEquals(2, r.copied());
    assertEquals(2, storage.commits, "one transaction per batch");
    assertEquals(4, target.revision(Context.withNamespace("a")));
    assertEquals(List.of(1L, 2L, 3L, 4L), revisionsOfEvents());
    assertEquals(List.of("c0000", "c0001", "c0002", "c0003"),
        storage.events.stream().map(Event::id).toList());
    assertEquals(3, target.get(Context.withNamespace("a"), "c0002").revision());

    TransferReport o = Transfers.write(items(3, 4), target,
        TransferOptions.builder().overwrite(true).build());
    assertEquals(1, o.replaced());
    Event last = storage.events.get(storage.events.size() - 1);
    assertEquals(Event.Type.UPDATED, last.type());
    assertEquals(5, last.revision());
    assertEquals(TransfersTest.container("c0003", 3).toBuilder().revision(5).build(),
        target.get(Context.withNamespace("a"), "c0003"));
  }

  @Test
  void aContainerTheBackendRejectsFailsAloneAndTheOthersStillTakeRevisions() {
    declare(Capability.REVISIONS, Capability.REVISION_BATCHES);
    storage.rejected.add("c0002");
    TransferReport r = Transfers.write(items(0, 5), target, TransferOptions.defaults());
    assertEquals(4, r.copied());
    assertEquals(1, r.failed());
    assertEquals("c0002", r.problems().get(0).id());
    assertEquals(4, storage.commits, "the batch rolled back, then one transaction per container");
    assertEquals(List.of(1L, 2L, 3L, 4L), revisionsOfEvents(),
        "the rolled-back batch took no revision");
  }

  @Test
  void withoutRevisionBatchesEachContainerIsWrittenInATransactionOfItsOwn() {
    declare(Capability.REVISIONS);
    TransferReport r = Transfers.write(items(0, 5), target, TransferOptions.defaults());
    assertEquals(5, r.copied());
    assertEquals(5, storage.commits);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), revisionsOfEvents());
  }

  @Test
  void anIdTwiceInOneBatchIsWrittenOnceAndThenFoundIdenticalOrConflicting() {
    declare(Capability.REVISIONS, Capability.REVISION_BATCHES);
    Container c = TransfersTest.container("c0001", 1);
    Container other = c.toBuilder().image("other").build();
    TransferReport r = Transfers.write(Stream.of(c, c, other)
        .map(x -> new NamespacedContainer("a", x)), target, TransferOptions.defaults());
    assertEquals(1, r.copied());
    assertEquals(1, r.identical());
    assertEquals(1, r.conflicting());
    assertEquals(List.of(1L), revisionsOfEvents());
    assertEquals(c.toBuilder().revision(1).build(),
        target.get(Context.withNamespace("a"), "c0001"));
  }
}
