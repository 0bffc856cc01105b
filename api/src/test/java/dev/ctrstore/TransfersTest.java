package dev.ctrstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bulk moves: containers kept as they are, batches, idempotence, conflicts, failures, compare. */
class TransfersTest {
  private static final Instant T0 = Instant.parse("2021-03-04T05:06:07.123456Z");

  private final TestStorage sourceStorage = new TestStorage();
  private final Store source = Stores.over(sourceStorage);
  private final TestStorage targetStorage = new TestStorage();
  private final Store target = Stores.over(targetStorage);

  static Container container(String id, int i) {
    return Container.builder()
        .id(id)
        .image("docker.io/library/redis:" + i)
        .runtime(new RuntimeInfo("io.containerd.runc.v2", i % 2 == 0 ? null
            : Any.newBuilder().setTypeUrl("t/opts").build()))
        .spec(Any.newBuilder().setTypeUrl("t/spec").setValue(ByteString.copyFromUtf8("{" + i + "}"))
            .build())
        .label("n", Integer.toString(i))
        .extension("x", Any.getDefaultInstance())
        .createdAt(T0.plusSeconds(i))
        .updatedAt(T0.plusSeconds(i + 60))
        .build();
  }

  private static Stream<NamespacedContainer> items(String ns, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new NamespacedContainer(ns, container(String.format("c%04d", i), i)));
  }

  @Test
  void writesContainersAsTheyAreInBatchesOfOneTransaction() {
    TransferReport r = Transfers.write(Stream.concat(items("a", 25), items("b", 5)), target,
        TransferOptions.builder().batchSize(10).build());
    assertEquals(30, r.copied());
    assertTrue(r.complete());
    assertEquals(3 + 1, targetStorage.commits); // a: 10+10+5, b: 5
    Container got = target.get(Context.withNamespace("a"), "c0007");
    assertEquals(container("c0007", 7), got);
    assertEquals(T0.plusSeconds(7), got.createdAt());
    assertEquals(List.of("a", "b"), target.namespaces(Context.empty()));
  }

  @Test
  void batchesAreAlsoBoundedByBytes() {
    Transfers.write(items("a", 10), target,
        TransferOptions.builder().batchBytes(1).build());
    assertEquals(10, targetStorage.commits);
  }

  @Test
  void aSecondRunChangesNothingAndReportsEverythingIdentical() {
    Transfers.write(items("a", 20), target, TransferOptions.defaults());
    int commits = targetStorage.commits;
    var before = new ArrayList<>(targetStorage.namespaces.get("a").values());
    TransferReport again = Transfers.write(items("a", 20), target, TransferOptions.defaults());
    assertEquals(20, again.identical());
    assertEquals(0, again.copied());
    assertEquals(before, new ArrayList<>(targetStorage.namespaces.get("a").values()));
    assertEquals(commits + 1, targetStorage.commits); // one batch that wrote nothing
  }

  @Test
  void aDifferentRecordIsReportedAsConflictingAndLeftAloneUnlessOverwriting() {
    Context a = Context.withNamespace("a");
    Transfers.write(items("a", 3), target, TransferOptions.defaults());
    Container changed = container("c0001", 1).toBuilder().label("n", "other").image("x").build();
    Transfers.write(Stream.of(new NamespacedContainer("a", changed)), target,
        TransferOptions.builder().overwrite(true).build());
    assertEquals(changed, target.get(a, "c0001"));

    TransferReport r = Transfers.write(items("a", 3), target, TransferOptions.defaults());
    assertEquals(2, r.identical());
    assertEquals(1, r.conflicting());
    assertFalse(r.complete());
    TransferReport.Problem p = r.problems().get(0);
    assertEquals("c0001", p.id());
    assertEquals(TransferReport.Kind.CONFLICTING, p.kind());
    assertEquals("a different container is stored (labels.n, image differ)", p.reason());
    assertEquals(changed, target.get(a, "c0001"));

    TransferReport o = Transfers.write(items("a", 3), target,
        TransferOptions.builder().overwrite(true).build());
    assertEquals(1, o.replaced());
    assertEquals(container("c0001", 1), target.get(a, "c0001"));
  }

  @Test
  void invalidContainersFailWithTheirIdAndReasonAndTheRestIsWritten() {
    Container noSpec = container("nospec", 1).toBuilder().spec(null).build();
    Container noTime = container("notime", 2).toBuilder().createdAt(null).build();
    Container badId = container("bad id!", 3);
    TransferReport r = Transfers.write(Stream.of(
        new NamespacedContainer("a", noSpec),
        new NamespacedContainer("a", container("ok", 4)),
        new NamespacedContainer("a", noTime),
        new NamespacedContainer("a", badId),
        new NamespacedContainer("bad ns", container("ok", 5))), target,
        TransferOptions.defaults());
    assertEquals(1, r.copied());
    assertEquals(4, r.failed());
    assertEquals(List.of("nospec", "notime", "bad id!", "ok"),
        r.problems().stream().map(TransferReport.Problem::id).toList());
    assertTrue(r.problems().get(1).reason().contains("createdAt is required"),
        r.problems().get(1).reason());
    assertTrue(r.problems().get(3).reason().contains("namespace"), r.problems().get(3).reason());
    assertEquals(List.of("a"), target.namespaces(Context.empty()));
  }

  @Test
  void aContainerTheBackendRejectsFailsAloneWhileItsBatchIsRewrittenOneByOne() {
    targetStorage.rejected.add("c0004");
    TransferReport r = Transfers.write(items("a", 10), target, TransferOptions.defaults());
    assertEquals(9, r.copied());
    assertEquals(1, r.failed());
    assertEquals("c0004", r.problems().get(0).id());
    assertTrue(r.problems().get(0).reason().contains("value too long"), r.problems().get(0).reason());
    assertEquals(9, targetStorage.namespaces.get("a").size());
  }

  @Test
  void timestampsAreTruncatedToMicrosecondsAndEmptyLabelsDropped() {
    Container c = container("c", 1).toBuilder()
        .createdAt(T0.plusNanos(999)).updatedAt(T0.plusNanos(1999)).label("gone", "").build();
    Transfers.write(Stream.of(new NamespacedContainer("a", c)), target, TransferOptions.defaults());
    Container got = target.get(Context.withNamespace("a"), "c");
    assertEquals(T0, got.createdAt());
    assertEquals(T0.plusNanos(1000), got.updatedAt());
    assertFalse(got.labels().containsKey("gone"));
  }

  @Test
  void aDryRunWritesNothingAndReportsWhatAWriteWouldDo() {
    Transfers.write(items("a", 2), target, TransferOptions.defaults());
    int commits = targetStorage.commits;
    TransferReport r = Transfers.write(items("a", 5), target,
        TransferOptions.builder().dryRun(true).build());
    assertTrue(r.dryRun());
    assertEquals(3, r.copied());
    assertEquals(2, r.identical());
    assertEquals(commits, targetStorage.commits);
    assertEquals(2, targetStorage.namespaces.get("a").size());
  }

  @Test
  void copyThenCompareFindsTheStoresEqualAndThenEachKindOfDifference() {
    Transfers.write(Stream.concat(items("a", 30), items("b", 3)), source,
        TransferOptions.defaults());
    List<TransferReport> progress = new ArrayList<>();
    TransferReport r = Transfers.copy(source, target,
        TransferOptions.builder().batchSize(7).progress(progress::add).build());
    assertEquals(33, r.copied());
    assertEquals(List.of(7L, 14L, 21L, 28L, 30L, 33L),
        progress.stream().map(TransferReport::total).toList());
    List<Comparison.Difference> diffs = new ArrayList<>();
    Comparison same = Transfers.compare(source, target, List.of(), diffs::add);
    assertTrue(same.same());
    assertEquals(33, same.compared());
    assertEquals(List.of(), diffs);

    Context a = Context.withNamespace("a");
    target.delete(a, "c0003");
    target.update(a, container("c0005", 5).toBuilder().label("n", "x").build(), "labels.n");
    target.create(Context.withNamespace("c"), container("extra", 1));
    Comparison c = Transfers.compare(source, target, List.of(), diffs::add);
    assertFalse(c.same());
    assertEquals(3, c.differences());
    assertEquals(List.of(
        new Comparison.Difference("a", "c0003", Comparison.Kind.MISSING, List.of()),
        new Comparison.Difference("a", "c0005", Comparison.Kind.DIFFERENT,
            List.of("labels.n", "updatedAt")),
        new Comparison.Difference("c", "extra", Comparison.Kind.UNEXPECTED, List.of())), diffs);
  }

  @Test
  void onlyTheNamedNamespacesAreCopied() {
    Transfers.write(Stream.concat(items("a", 3), items("b", 3)), source,
        TransferOptions.defaults());
    TransferReport r = Transfers.copy(source, target,
        TransferOptions.builder().namespaces(List.of("b")).build());
    assertEquals(3, r.copied());
    assertEquals(List.of("b"), target.namespaces(Context.empty()));
  }

  @Test
  void problemsBeyondTheLimitAreCountedNotListed() {
    TransferReport r = Transfers.write(IntStream.range(0, 5).mapToObj(i ->
        new NamespacedContainer("a", container("c" + i, i).toBuilder().spec(null).build())),
        target, TransferOptions.builder().maxProblems(2).build());
    assertEquals(5, r.failed());
    assertEquals(2, r.problems().size());
    assertEquals(3, r.problemsOmitted());
  }

  @Test
  void aStoreNotOpenedThroughStoresCannotBeWrittenAsIs() {
    Store plain = new Store() {
      public Container get(Context ctx, String id) { return null; }
      public List<Container> list(Context ctx, String... f) { return List.of(); }
      public Container create(Context ctx, Container c) { return c; }
      public Container update(Context ctx, Container c, String... p) { return c; }
      public void delete(Context ctx, String id) {}
      public void close() {}
    };
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> Transfers.write(items("a", 1), plain, TransferOptions.defaults()));
    assertTrue(e.getMessage().startsWith("target store:"), e.getMessage());
  }

  @Test
  void readingOpensOneNamespaceAtATimeAndNeverBuffersAWholeOne() {
    // Each namespace's stream counts what was pulled from it; a flatMap-built stream would pull
    // all 1,000 containers of "a" to hand out its first.
    int[] pulled = new int[2];
    List<String> opened = new ArrayList<>();
    List<String> closed = new ArrayList<>();
    Iterator<NamespacedContainer> it;
    try (Stream<NamespacedContainer> s = Transfers.concat(List.of("a", "b"), ns -> {
      opened.add(ns);
      int slot = ns.equals("a") ? 0 : 1;
      return IntStream.range(0, 1000).mapToObj(i -> {
        pulled[slot]++;
        return container(String.format("c%04d", i), i);
      }).onClose(() -> closed.add(ns));
    })) {
      it = s.iterator();
      NamespacedContainer first = it.next();
      assertEquals("a", first.namespace());
      assertTrue(pulled[0] <= 2, () -> "pulled " + pulled[0] + " of namespace a for one");
      assertEquals(List.of("a"), opened);
      for (int i = 1; i < 1001; i++) {
        it.next();
      }
      assertEquals(List.of("a", "b"), opened);
      assertEquals(List.of("a"), closed, "a is closed once used up");
      assertTrue(pulled[1] <= 2, () -> "pulled " + pulled[1] + " of namespace b for one");
    }
    assertEquals(List.of("a", "b"), closed, "closing the stream closes the open namespace");
  }

  @Test
  void anObservedStoreIsWrittenAndListedThroughTheStoreItObserves() {
    Store observed = target.observedBy((op, info, ns, id, filters) -> new StoreObserver.Observation() {
      @Override
      public void succeeded(int resultCount) {}

      @Override
      public void failed(StoreException error) {}
    });
    TransferReport r = Transfers.write(items("a", 3), observed, TransferOptions.defaults());
    assertEquals(3, r.copied());
    assertEquals(List.of("a"), observed.namespaces(Context.empty()));
  }

  @Test
  void theReadmeMoveCopiesComparesAndReports() {
    Transfers.write(Stream.concat(items("a", 30), items("b", 3)), source,
        TransferOptions.defaults());
    List<String> log = new ArrayList<>();
    // tag::transfers[]
    // Every namespace of source into target, as they are, 500 containers per transaction.
    TransferReport report = Transfers.copy(source, target, TransferOptions.builder()
        .batchSize(500)
        .progress(r -> log.add(r.total() + " containers so far"))
        .build());
    for (TransferReport.Problem p : report.problems()) {  // conflicts and failures, with reasons
      log.add(p.kind() + " " + p.namespace() + "/" + p.id() + ": " + p.reason());
    }
    // Field for field, streaming both stores in id order.
    Comparison same = Transfers.compare(source, target, List.of(),
        d -> log.add(d.kind() + " " + d.namespace() + "/" + d.id() + " " + d.fields()));
    // end::transfers[]
    assertTrue(report.complete());
    assertEquals(33, report.copied());
    assertTrue(same.same());
    assertEquals(List.of("30 containers so far", "33 containers so far"), log);
  }
}
