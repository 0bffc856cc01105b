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
import java.util.List;
import java.util.Objects;
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
