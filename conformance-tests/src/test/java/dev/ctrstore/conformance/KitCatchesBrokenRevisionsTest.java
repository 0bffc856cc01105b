package dev.ctrstore.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import dev.ctrstore.Event;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The revision, watch and page contracts catch a storage that breaks them: each variant of the
 * reference storage below breaks one promise, and the contract group named with it must fail.
 * (Static nested classes, which neither surefire nor the Jupiter engine runs on their own.)
 */
class KitCatchesBrokenRevisionsTest {

  /** Hands out the same revision twice in a row. */
  static final class RepeatsRevisions extends ReferenceRevisionStorage {
    RepeatsRevisions() {
      super(Integer.MAX_VALUE);
    }

    @Override
    long next(long current) {
      return current % 2 == 1 ? current : current + 1;
    }
  }

  /** Loses every fifth event. */
  static final class LosesEvents extends ReferenceRevisionStorage {
    LosesEvents() {
      super(Integer.MAX_VALUE);
    }

    @Override
    List<Event> deliver(List<Event> events) {
      List<Event> out = new ArrayList<>();
      events.forEach(e -> {
        if (e.revision() % 5 != 0) {
          out.add(e);
        }
      });
      return out;
    }
  }

  /** Delivers each batch newest first. */
  static final class ReordersEvents extends ReferenceRevisionStorage {
    ReordersEvents() {
      super(Integer.MAX_VALUE);
    }

    @Override
    List<Event> deliver(List<Event> events) {
      List<Event> out = new ArrayList<>(events);
      java.util.Collections.reverse(out);
      return out;
    }
  }

  abstract static class KitOn extends StoreConformanceTest {
    abstract ReferenceRevisionStorage storage(int retained);

    @Override
    protected Store newStore() {
      return Stores.over(storage(Integer.MAX_VALUE));
    }

    @Override
    protected Store newStoreRetainingEvents(int events) {
      return Stores.over(storage(events));
    }
  }

  static final class KitOnRepeatsRevisions extends KitOn {
    @Override
    ReferenceRevisionStorage storage(int retained) {
      return new RepeatsRevisions();
    }
  }

  static final class KitOnLosesEvents extends KitOn {
    @Override
    ReferenceRevisionStorage storage(int retained) {
      return new LosesEvents();
    }
  }

  static final class KitOnReordersEvents extends KitOn {
    @Override
    ReferenceRevisionStorage storage(int retained) {
      return new ReordersEvents();
    }
  }

  /** Never compacts, whatever retention it is asked for. */
  static final class KitOnNeverCompacts extends KitOn {
    @Override
    ReferenceRevisionStorage storage(int retained) {
      return new ReferenceRevisionStorage(Integer.MAX_VALUE);
    }
  }

  private record Case(Class<? extends StoreConformanceTest> kit, Class<?> group) {}

  @TestFactory
  Stream<DynamicTest> eachBrokenStorageFailsItsContract() {
    return Stream.of(
            new Case(KitOnRepeatsRevisions.class, StoreConformanceTest.Revisions.class),
            new Case(KitOnRepeatsRevisions.class, StoreConformanceTest.ConditionalWrites.class),
            new Case(KitOnLosesEvents.class, StoreConformanceTest.Watches.class),
            new Case(KitOnReordersEvents.class, StoreConformanceTest.Watches.class),
            new Case(KitOnNeverCompacts.class, StoreConformanceTest.Watches.class))
        .map(c -> dynamicTest(c.kit().getSimpleName() + " / " + c.group().getSimpleName(), () -> {
          SummaryGeneratingListener listener = new SummaryGeneratingListener();
          LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
              .selectors(selectNestedClass(List.of(c.kit()), c.group())).build(), listener);
          TestExecutionSummary summary = listener.getSummary();
          assertTrue(summary.getTestsFoundCount() > 0, "the group ran");
          assertTrue(summary.getTotalFailureCount() > 0,
              c.kit().getSimpleName() + " passed " + c.group().getSimpleName());
        }));
  }
}
