package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.assertError;
import static dev.ctrstore.conformance.Fixtures.newNamespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.spi.Storage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * The base of every contract of the kit: one area of containerd's store semantics (or of what a
 * {@link Storage} must keep), checked through the backend that {@link StoreConformanceTest}
 * opens. A contract is abstract; {@link StoreConformanceTest} runs each one as a {@code @Nested}
 * class, so a backend extends that one class and gets them all.
 *
 * <p>Every check runs in a fresh, random namespace ({@link #context()}), so the kit can run
 * against a persistent database shared with earlier runs; it never touches other namespaces.
 */
public abstract class Contract {
  /** Containers per write transaction of {@link #insertThroughStorage}. */
  protected static final int BATCH = 500;

  private final StoreConformanceTest kit;
  private Context ctx = Context.withNamespace(newNamespace());

  /** A contract run against the backend of {@code kit}. */
  protected Contract(StoreConformanceTest kit) {
    this.kit = Objects.requireNonNull(kit, "kit");
  }

  @BeforeEach
  final void freshNamespace() {
    ctx = Context.withNamespace(newNamespace());
  }

  /** The backend's test class that runs this contract. */
  protected final StoreConformanceTest kit() {
    return kit;
  }

  /** The store under test (opened once per backend test class). */
  protected final Store store() {
    return kit.store();
  }

  /** The storage under test (opened once per backend test class, apart from {@link #store()}). */
  protected final Storage storage() {
    return kit.storage();
  }

  /**
   * The shared rules over {@link #storage()}: what a check writes through the storage (e.g. with
   * {@link #insertThroughStorage}) is seen here, not necessarily through {@link #store()}.
   */
  protected final Store storeOverStorage() {
    return kit.storeOverStorage();
  }

  /** A value made once per backend test class, for checks that only read it. */
  protected final <T> T shared(String key, Supplier<T> make) {
    return kit.shared(key, make);
  }

  /**
   * Inserts {@code containers} (valid, normalised, no timestamps) into namespace {@code c}
   * straight through {@code target}, {@value #BATCH} per write transaction: the public SPI's
   * bulk path, for data sets too large to create one call at a time. Returns them as stored, in
   * the order given.
   */
  protected static List<Container> insertThroughStorage(Storage target, Context c,
      List<Container> containers) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Container> stored = containers.stream()
        .map(x -> x.toBuilder().createdAt(now).updatedAt(now).build()).toList();
    List<List<Container>> batches = new ArrayList<>();
    for (int from = 0; from < stored.size(); from += BATCH) {
      batches.add(stored.subList(from, Math.min(stored.size(), from + BATCH)));
    }
    // A few transactions at once: a database's round trips, not its throughput, bound one.
    batches.parallelStream().forEach(batch -> target.write(c, c.namespace(), w -> {
      for (Container x : batch) {
        if (!w.insert(x)) {
          throw new IllegalStateException("id taken: " + x.id());
        }
      }
      return null;
    }));
    return stored;
  }

  /** The context of the running check: a namespace no other check uses, no deadline. */
  protected final Context context() {
    return ctx;
  }

  /** Skips the running check when the backend opts out of {@code feature}. */
  protected final void assumeSupported(Feature feature) {
    assumeFalse(kit.unsupportedFeatures().contains(feature),
        () -> "backend opts out of optional feature " + feature);
  }

  /** Whether the backend offers {@code feature}. */
  protected final boolean supports(Feature feature) {
    return !kit.unsupportedFeatures().contains(feature);
  }

  // ---- shorthands over the store, in the check's namespace ----

  protected final Container create(Container.Builder b) {
    return store().create(ctx, b.build());
  }

  protected final Container get(String id) {
    return store().get(ctx, id);
  }

  protected final List<Container> list(String... filters) {
    return store().list(ctx, filters);
  }

  protected final Container update(Container.Builder b, String... paths) {
    return store().update(ctx, b.build(), paths);
  }

  protected final void delete(String id) {
    store().delete(ctx, id);
  }

  protected static InvalidArgumentException assertInvalid(Executable call) {
    return assertError(InvalidArgumentException.class, ErrorKind.INVALID_ARGUMENT, call);
  }

  protected static NotFoundException assertNotFound(Executable call) {
    return assertError(NotFoundException.class, ErrorKind.NOT_FOUND, call);
  }

  protected static FailedPreconditionException assertNoNamespace(Executable call) {
    return assertError(FailedPreconditionException.class, ErrorKind.FAILED_PRECONDITION, call);
  }

  protected final void assertAbsent(String id) {
    assertNotFound(() -> get(id));
  }

  protected static void assertMicros(@Nullable Instant t) {
    assertNotNull(t, "timestamp must be set");
    assertEquals(t.truncatedTo(ChronoUnit.MICROS), t, "timestamp must be truncated to microseconds");
  }
}
