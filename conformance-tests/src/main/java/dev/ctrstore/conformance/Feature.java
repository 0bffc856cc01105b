package dev.ctrstore.conformance;

/**
 * Optional features the kit checks beyond containerd's store contract. A backend that does not
 * offer one returns it from {@link StoreConformanceTest#unsupportedFeatures()}; the kit then
 * skips exactly the checks of that feature (they are reported as skipped, not passed). Every
 * check of containerd's contract is mandatory and cannot be opted out of.
 */
public enum Feature {
  /**
   * {@link dev.ctrstore.Store#stream}: the same matches as {@code list}, in the same order, with
   * the same errors. The default method of {@code Store} already provides it; a backend that
   * overrides it with something partial may opt out.
   */
  STREAM,
  /**
   * Revisions and conditional writes ({@link RevisionContract}, {@link ConditionalWriteContract}):
   * {@code Store.revision}, {@code Container.revision}, {@code updateIf}, {@code deleteIf}.
   */
  REVISIONS,
  /**
   * {@code Store.watch} ({@link WatchContract}); a backend offering it also overrides {@link
   * StoreConformanceTest#newStoreRetainingEvents}.
   */
  WATCH,
  /** {@code Store.page} ({@link PageContract}). */
  PAGES,
  /**
   * {@code Store.namespaces} ({@link NamespaceListingContract}): the namespaces holding a
   * container, in byte order, which bulk moves of every namespace read. A backend opting out
   * must answer {@code UNIMPLEMENTED} (the default of {@code Storage.namespaces}); the kit
   * checks that instead.
   */
  NAMESPACES
}
