package dev.ctrstore.conformance;

import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.Storage;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance kit: every rule of containerd's container store (the ctrstore semantics
 * reference docs/semantics.md, with its binding decisions D-1 to D-16 of §13.1; every §n and D-n
 * in the contracts cites that page), and what a {@link Storage} must keep for those rules to
 * hold, checked through the public API.
 *
 * <p>A backend proves itself by extending this class and saying how to open its storage. No
 * method is abstract, but every backend overrides {@link #newStorage()} (the default throws):
 *
 * <pre>{@code
 * class MyStoreTest extends StoreConformanceTest {
 *   @Override
 *   protected Storage newStorage() { return new MyStorage(...); }
 * }
 * }</pre>
 *
 * <p>Each area is one contract class ({@link CreateContract}, {@link FilterContract}, …), run
 * here as a {@code @Nested} class. The store is opened once per test class (lazily, at the first
 * check that needs it) and closed after the last one; so is the storage that the storage-level
 * contracts wrap. Every check works in its own fresh, random namespace, so the kit can run
 * against a persistent database shared with earlier runs and other users; it never deletes data
 * it did not create. Checks of features beyond containerd's contract can be skipped through
 * {@link #unsupportedFeatures()}; all others are mandatory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreConformanceTest {
  /** 16 MiB: what one gRPC message of containerd may hold, so the most a record needs. */
  public static final long LARGEST_RECORD_BYTES = 16L << 20;

  private @Nullable Store store;
  private @Nullable Storage storage;
  private @Nullable Store overStorage;
  private final Map<String, Object> shared = new ConcurrentHashMap<>();

  /**
   * Opens the storage under test; every backend overrides it. Called once per test class for the
   * storage-level contracts, once more by the default {@link #newStore()}, and by the streaming
   * check that closes a storage of its own; the kit closes what it opened. The storage may hold
   * data from earlier runs: the kit only uses new namespaces. A test that only overrides {@link
   * #newStore()} fails the contracts that need the storage.
   */
  protected Storage newStorage() {
    throw new UnsupportedOperationException(getClass().getName()
        + " must override newStorage() so that the kit can check its Storage");
  }

  /**
   * Opens the store under test: by default the shared rules over {@link #newStorage()}. Called
   * once per test class; the kit closes the store after the last check.
   */
  protected Store newStore() {
    return Stores.over(newStorage());
  }

  /** Optional features this backend does not offer; their checks are skipped. None by default. */
  protected Set<Feature> unsupportedFeatures() {
    return Set.of();
  }

  /**
   * The most payload bytes (Any values, type URLs, labels, extension keys) one container may hold
   * on this backend: {@link #LARGEST_RECORD_BYTES} unless the backend documents a lower maximum,
   * which it returns here. The kit asserts that a record of this size round trips.
   */
  protected long largestRecordBytes() {
    return LARGEST_RECORD_BYTES;
  }

  /**
   * Opens another store over the same backend whose change log keeps at most {@code events}
   * events per namespace, for the check that a watch from a compacted revision fails. The kit
   * closes it. A backend that offers {@link Feature#WATCH} must override it.
   */
  protected Store newStoreRetainingEvents(int events) {
    throw new UnsupportedOperationException(getClass().getName()
        + " offers Feature.WATCH and must override newStoreRetainingEvents(int)");
  }

  /** The store under test, opened on first use. */
  protected final synchronized Store store() {
    if (store == null) {
      store = Objects.requireNonNull(newStore(), "newStore() returned null");
    }
    return store;
  }

  /** The storage under test, opened on first use (a different instance from the store's). */
  protected final synchronized Storage storage() {
    if (storage == null) {
      storage = Objects.requireNonNull(newStorage(), "newStorage() returned null");
    }
    return storage;
  }

  /** The shared rules over {@link #storage()}: sees what is written through the storage. */
  final synchronized Store storeOverStorage() {
    if (overStorage == null) {
      overStorage = Stores.over(storage());
    }
    return overStorage;
  }

  /**
   * A value made once per test class and shared by the checks that only read it (large data
   * sets are expensive to write on a real database).
   */
  @SuppressWarnings("unchecked")
  final <T> T shared(String key, Supplier<T> make) {
    return (T) shared.computeIfAbsent(key, k -> make.get());
  }

  @AfterAll
  void closeStore() {
    Store s;
    Storage st;
    synchronized (this) {
      s = store;
      st = storage;
      store = null;
      storage = null;
      overStorage = null;
      shared.clear();
    }
    try {
      if (s != null) {
        s.close();
      }
    } finally {
      if (st != null) {
        st.close();
      }
    }
  }

  // One @Nested class per contract. A new contract is a class extending Contract plus one line
  // here; an optional one calls assumeSupported(Feature) in its checks.

  /** {@link CreateContract}. */
  @Nested public class Create extends CreateContract { Create() { super(StoreConformanceTest.this); } }

  /** {@link GetContract}. */
  @Nested public class Get extends GetContract { Get() { super(StoreConformanceTest.this); } }

  /** {@link FilterContract}. */
  @Nested public class ListAndFilters extends FilterContract { ListAndFilters() { super(StoreConformanceTest.this); } }

  /** {@link UpdateContract}. */
  @Nested public class UpdateAndFieldPaths extends UpdateContract { UpdateAndFieldPaths() { super(StoreConformanceTest.this); } }

  /** {@link DeleteContract}. */
  @Nested public class Delete extends DeleteContract { Delete() { super(StoreConformanceTest.this); } }

  /** {@link NamespaceContract}. */
  @Nested public class Namespaces extends NamespaceContract { Namespaces() { super(StoreConformanceTest.this); } }

  /** {@link NamespaceListingContract}. */
  @Nested public class NamespaceListing extends NamespaceListingContract { NamespaceListing() { super(StoreConformanceTest.this); } }

  /** {@link ValidationContract}. */
  @Nested public class Validation extends ValidationContract { Validation() { super(StoreConformanceTest.this); } }

  /** {@link TimestampContract}. */
  @Nested public class Timestamps extends TimestampContract { Timestamps() { super(StoreConformanceTest.this); } }

  /** {@link ConcurrencyContract}. */
  @Nested public class Concurrency extends ConcurrencyContract { Concurrency() { super(StoreConformanceTest.this); } }

  /** {@link DeadlineContract}. */
  @Nested public class Deadlines extends DeadlineContract { Deadlines() { super(StoreConformanceTest.this); } }

  /** {@link ReturnedValueContract}. */
  @Nested public class ReturnedValues extends ReturnedValueContract { ReturnedValues() { super(StoreConformanceTest.this); } }

  /** {@link DiscoveryContract}. */
  @Nested public class Discovery extends DiscoveryContract { Discovery() { super(StoreConformanceTest.this); } }

  /** {@link RevisionContract}. */
  @Nested public class Revisions extends RevisionContract { Revisions() { super(StoreConformanceTest.this); } }

  /** {@link ConditionalWriteContract}. */
  @Nested public class ConditionalWrites extends ConditionalWriteContract { ConditionalWrites() { super(StoreConformanceTest.this); } }

  /** {@link WatchContract}. */
  @Nested public class Watches extends WatchContract { Watches() { super(StoreConformanceTest.this); } }

  /** {@link PageContract}. */
  @Nested public class Pages extends PageContract { Pages() { super(StoreConformanceTest.this); } }

  /** {@link VectorContract}. */
  @Nested public class Vectors extends VectorContract { Vectors() { super(StoreConformanceTest.this); } }

  /** {@link RegexDialectContract}. */
  @Nested public class RegexDialect extends RegexDialectContract { RegexDialect() { super(StoreConformanceTest.this); } }

  // Storage-level contracts: what a backend's Storage can get wrong.

  /** {@link PayloadContract}. */
  @Nested public class Payloads extends PayloadContract { Payloads() { super(StoreConformanceTest.this); } }

  /** {@link ExtremeFilterContract}. */
  @Nested public class FiltersOverExtremes extends ExtremeFilterContract { FiltersOverExtremes() { super(StoreConformanceTest.this); } }

  /** {@link ListStreamContract}. */
  @Nested public class ListsAndStreams extends ListStreamContract { ListsAndStreams() { super(StoreConformanceTest.this); } }

  /** {@link AtomicityContract}. */
  @Nested public class Atomicity extends AtomicityContract { Atomicity() { super(StoreConformanceTest.this); } }

  /** {@link RaceContract}. */
  @Nested public class Races extends RaceContract { Races() { super(StoreConformanceTest.this); } }

  /** {@link DeadlineDuringCallContract}. */
  @Nested public class DeadlinesDuringCalls extends DeadlineDuringCallContract { DeadlinesDuringCalls() { super(StoreConformanceTest.this); } }
}
