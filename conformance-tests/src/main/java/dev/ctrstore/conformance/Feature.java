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
  /** Revisions of a record; the contract that checks them opts out on this constant. */
  REVISIONS,
  /** Watching a namespace for changes; the contract that checks it opts out on this constant. */
  WATCH,
  /** Listing in pages; the contract that checks it opts out on this constant. */
  PAGES
}
