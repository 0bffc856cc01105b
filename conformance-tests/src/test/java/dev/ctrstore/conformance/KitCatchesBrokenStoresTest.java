package dev.ctrstore.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import dev.ctrstore.AlreadyExistsException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.Storage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The kit's self-test: each store below breaks one rule on purpose, and running the whole kit
 * against it must report failures. (These classes are static nested classes, which neither
 * surefire nor the Jupiter engine runs on their own.)
 */
class KitCatchesBrokenStoresTest {

  /** Delegates everything to a correct store; subclasses break one operation. */
  abstract static class Broken implements Store {
    final Store delegate = Stores.over(new ReferenceStorage());

    @Override
    public Container get(Context ctx, String id) {
      return delegate.get(ctx, id);
    }

    @Override
    public List<Container> list(Context ctx, String... filters) {
      return delegate.list(ctx, filters);
    }

    @Override
    public Container create(Context ctx, Container container) {
      return delegate.create(ctx, container);
    }

    @Override
    public Container update(Context ctx, Container container, String... fieldPaths) {
      return delegate.update(ctx, container, fieldPaths);
    }

    @Override
    public void delete(Context ctx, String id) {
      delegate.delete(ctx, id);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  static final class UnorderedList extends Broken {
    @Override
    public List<Container> list(Context ctx, String... filters) {
      List<Container> out = new ArrayList<>(delegate.list(ctx, filters));
      Collections.reverse(out);
      return out;
    }
  }

  static final class RejectsEmptyIdOnDelete extends Broken {
    @Override
    public void delete(Context ctx, String id) {
      if (id.isEmpty()) {
        throw new InvalidArgumentException("id must not be empty");
      }
      delegate.delete(ctx, id);
    }
  }

  static final class IgnoresDeadlines extends Broken {
    private static Context strip(Context ctx) {
      return ctx.namespace() == null ? Context.empty() : Context.withNamespace(ctx.namespace());
    }

    @Override
    public Container get(Context ctx, String id) {
      return delegate.get(strip(ctx), id);
    }

    @Override
    public List<Container> list(Context ctx, String... filters) {
      return delegate.list(strip(ctx), filters);
    }
  }

  static final class IdempotentCreate extends Broken {
    @Override
    public Container create(Context ctx, Container container) {
      try {
        return delegate.create(ctx, container);
      } catch (AlreadyExistsException e) {
        return delegate.get(ctx, container.id());
      }
    }
  }

  static final class SharedNamespace extends Broken {
    private static Context shared(Context ctx) {
      String ns = ctx.namespace();
      return ns != null && ns.startsWith("ct-") ? Context.withNamespace("ct-shared") : ctx;
    }

    @Override
    public Container get(Context ctx, String id) {
      return delegate.get(shared(ctx), id);
    }

    @Override
    public List<Container> list(Context ctx, String... filters) {
      return delegate.list(shared(ctx), filters);
    }

    @Override
    public Container create(Context ctx, Container container) {
      return delegate.create(shared(ctx), container);
    }
  }

  static final class StaleUpdateResult extends Broken {
    @Override
    public Container update(Context ctx, Container container, String... fieldPaths) {
      Container out = delegate.update(ctx, container, fieldPaths);
      return out.toBuilder().updatedAt(out.createdAt()).build();
    }
  }

  static final class DeleteOfMissingSucceeds extends Broken {
    @Override
    public void delete(Context ctx, String id) {
      try {
        delegate.delete(ctx, id);
      } catch (NotFoundException ignored) {
        // the bug: silently succeed
      }
    }
  }

  static final class IgnoresEmptyLabelRule extends Broken {
    @Override
    public Container create(Context ctx, Container container) {
      Container out = delegate.create(ctx, container);
      return container.labels().containsValue("")
          ? out.toBuilder().labels(container.labels()).build()
          : out;
    }
  }

  /** A kit subclass for one broken store. */
  abstract static class KitOn extends StoreConformanceTest {}

  static final class KitOnUnorderedList extends KitOn {
    @Override
    protected Store newStore() {
      return new UnorderedList();
    }
  }

  static final class KitOnRejectsEmptyIdOnDelete extends KitOn {
    @Override
    protected Store newStore() {
      return new RejectsEmptyIdOnDelete();
    }
  }

  static final class KitOnIgnoresDeadlines extends KitOn {
    @Override
    protected Store newStore() {
      return new IgnoresDeadlines();
    }
  }

  static final class KitOnIdempotentCreate extends KitOn {
    @Override
    protected Store newStore() {
      return new IdempotentCreate();
    }
  }

  static final class KitOnSharedNamespace extends KitOn {
    @Override
    protected Store newStore() {
      return new SharedNamespace();
    }
  }

  static final class KitOnStaleUpdateResult extends KitOn {
    @Override
    protected Store newStore() {
      return new StaleUpdateResult();
    }
  }

  static final class KitOnDeleteOfMissingSucceeds extends KitOn {
    @Override
    protected Store newStore() {
      return new DeleteOfMissingSucceeds();
    }
  }

  static final class KitOnIgnoresEmptyLabelRule extends KitOn {
    @Override
    protected Store newStore() {
      return new IgnoresEmptyLabelRule();
    }
  }

  /** The broken storage the next run of {@link KitOnBrokenStorage} opens. */
  private static volatile Supplier<Storage> brokenStorage = ReferenceStorage::new;

  /** The kit on whichever broken storage {@link #brokenStorage} makes. */
  static final class KitOnBrokenStorage extends StoreConformanceTest {
    @Override
    protected Storage newStorage() {
      return brokenStorage.get();
    }
  }

  /** A broken storage and the contract that must catch it. */
  private record StorageCase(String name, Supplier<Storage> storage, Class<?> contract) {}

  /** The four bugs of the issue that asked for storage contracts, then one per property. */
  static List<StorageCase> storageCases() {
    return List.of(
        new StorageCase("extensions and runtime options cut at 64 KiB",
            BrokenStorages.TruncatesBlobsAt64KiB::new, StoreConformanceTest.Payloads.class),
        new StorageCase("an extension holding an empty Any dropped",
            BrokenStorages.DropsEmptyAnyExtensions::new, StoreConformanceTest.Payloads.class),
        new StorageCase("labels longer than 1024 bytes missing from == candidates",
            BrokenStorages.LabelIndexPrefixOf1024::new, StoreConformanceTest.FiltersOverExtremes.class),
        new StorageCase("stream drops the first row of every page after 500",
            BrokenStorages.StreamDropsFirstRowOfLaterPages::new, StoreConformanceTest.ListsAndStreams.class),
        new StorageCase("type URLs cut at 1024 bytes",
            BrokenStorages.TruncatesTypeUrlsAt1024::new, StoreConformanceTest.Payloads.class),
        new StorageCase("3-byte UTF-8: supplementary characters lost",
            BrokenStorages.ThreeByteUtf8::new, StoreConformanceTest.Payloads.class),
        new StorageCase("strings cut at a NUL",
            BrokenStorages.CutsStringsAtNul::new, StoreConformanceTest.Payloads.class),
        new StorageCase("at most 512 labels kept",
            BrokenStorages.KeepsAtMost512Labels::new, StoreConformanceTest.Payloads.class),
        new StorageCase("records over 8 MiB fail",
            BrokenStorages.RecordsOver8MiBFail::new, StoreConformanceTest.Payloads.class),
        new StorageCase("index compares with PAD SPACE",
            BrokenStorages.IndexPadsSpaces::new, StoreConformanceTest.FiltersOverExtremes.class),
        new StorageCase("index normalises Unicode",
            BrokenStorages.IndexNormalisesUnicode::new, StoreConformanceTest.FiltersOverExtremes.class),
        new StorageCase("list limited to 1000 rows",
            BrokenStorages.ListsAtMost1000::new, StoreConformanceTest.ListsAndStreams.class),
        new StorageCase("stream pages by OFFSET over live data",
            BrokenStorages.StreamPagesByOffset::new, StoreConformanceTest.ListsAndStreams.class),
        new StorageCase("stream closed early leaks its connection",
            BrokenStorages.StreamLeaksConnectionOnEarlyClose::new, StoreConformanceTest.ListsAndStreams.class),
        new StorageCase("each statement commits on its own",
            BrokenTransactions.Autocommit::new, StoreConformanceTest.Atomicity.class),
        new StorageCase("no lock between read and write",
            BrokenTransactions.NoRowLocks::new, StoreConformanceTest.Races.class),
        new StorageCase("labels in a second table, read without a transaction",
            BrokenTransactions.TwoTablesReadWithoutTransaction::new, StoreConformanceTest.Races.class),
        new StorageCase("deadline checked after commit",
            BrokenTransactions.DeadlineCheckedAfterCommit::new, StoreConformanceTest.DeadlinesDuringCalls.class),
        new StorageCase("statement timeout as a raw error",
            BrokenTransactions.StatementTimeoutAsRawError::new, StoreConformanceTest.DeadlinesDuringCalls.class),
        new StorageCase("point-read cache keyed by id alone",
            BrokenTransactions.GetCacheIgnoresNamespace::new, StoreConformanceTest.Namespaces.class),
        new StorageCase("stream cache keyed by filter alone",
            BrokenTransactions.StreamCacheIgnoresNamespace::new, StoreConformanceTest.Namespaces.class));
  }

  @TestFactory
  Stream<DynamicTest> kitFailsOnEveryBrokenStorage() {
    return storageCases().stream().map(c -> dynamicTest(c.name(), () -> {
      brokenStorage = c.storage();
      try {
        TestExecutionSummary summary = run(KitOnBrokenStorage.class, c.contract());
        assertTrue(summary.getTestsStartedCount() > 0, "the kit ran");
        assertTrue(summary.getTotalFailureCount() > 0,
            () -> c.name() + ": the kit let a broken storage pass");
      } finally {
        brokenStorage = ReferenceStorage::new;
      }
    }));
  }

  /** A correct store whose backend opts out of streaming. */
  static final class KitWithoutStreaming extends StoreConformanceTest {
    @Override
    protected Store newStore() {
      return Stores.over(new ReferenceStorage());
    }

    @Override
    protected Set<Feature> unsupportedFeatures() {
      return EnumSet.of(Feature.STREAM);
    }
  }

  @Test
  void optingOutOfAFeatureSkipsExactlyItsChecks() {
    List<String> aborted = new ArrayList<>();
    TestExecutionListener abortions = new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
          aborted.add(id.getDisplayName());
        }
      }
    };
    TestExecutionSummary summary =
        run(KitWithoutStreaming.class, StoreConformanceTest.ListAndFilters.class, abortions);
    assertTrue(summary.getTestsSucceededCount() > 0, "the kit ran");
    assertEquals(0, summary.getTotalFailureCount(), () -> "first failure: "
        + summary.getFailures().get(0).getException());
    assertFalse(aborted.isEmpty(), "the streaming checks were skipped");
    aborted.forEach(name -> assertTrue(name.startsWith("stream"), name));
  }

  /** A broken store and the group of checks that must catch it (run alone, to save time). */
  private record Case(Class<? extends StoreConformanceTest> kit, Class<?> group) {}

  private static TestExecutionSummary run(Class<?> kit, Class<?> group,
      TestExecutionListener... more) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    TestExecutionListener[] all = new TestExecutionListener[more.length + 1];
    all[0] = listener;
    System.arraycopy(more, 0, all, 1, more.length);
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectNestedClass(List.of(kit), group)).build(), all);
    return listener.getSummary();
  }

  @TestFactory
  Stream<DynamicTest> kitFailsOnEveryBrokenStore() {
    return Stream.of(
            new Case(KitOnUnorderedList.class, StoreConformanceTest.ListAndFilters.class),
            new Case(KitOnRejectsEmptyIdOnDelete.class, StoreConformanceTest.Delete.class),
            new Case(KitOnIgnoresDeadlines.class, StoreConformanceTest.Deadlines.class),
            new Case(KitOnIdempotentCreate.class, StoreConformanceTest.Create.class),
            new Case(KitOnSharedNamespace.class, StoreConformanceTest.Namespaces.class),
            new Case(KitOnStaleUpdateResult.class, StoreConformanceTest.UpdateAndFieldPaths.class),
            new Case(KitOnDeleteOfMissingSucceeds.class, StoreConformanceTest.Delete.class),
            new Case(KitOnIgnoresEmptyLabelRule.class, StoreConformanceTest.Create.class))
        .map(c -> dynamicTest(c.kit().getSimpleName(), () -> {
          TestExecutionSummary summary = run(c.kit(), c.group());
          assertTrue(summary.getTestsSucceededCount() > 0, "the kit ran");
          assertTrue(summary.getTotalFailureCount() > 0,
              () -> c.kit().getSimpleName() + ": the kit let a broken store pass");
        }));
  }
}
