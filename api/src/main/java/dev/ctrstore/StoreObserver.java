package dev.ctrstore;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Sees every call of a {@link Store}: the hook metrics and tracing integrations implement
 * ({@code ctrstore-micrometer}, {@code ctrstore-opentelemetry}). Attach one with {@link
 * Store#observedBy}. The store calls {@link #start} before the operation and exactly one of
 * {@link Observation#succeeded} or {@link Observation#failed} after it, on the calling thread;
 * a backend that retries a conflicting transaction reports each retry through {@link
 * Observation#retried} in between.
 *
 * <p>Implementations must be thread-safe, fast and must not throw: an exception thrown by an
 * observer is logged and ignored, never turned into a failure of the call.
 */
@FunctionalInterface
public interface StoreObserver {

  /**
   * An operation begins.
   *
   * @param operation which operation
   * @param store what the store is backed by
   * @param namespace the namespace of the call's {@link Context}, or {@code ""} when it has none
   * @param id the container id when the operation names one, else null
   * @param filterCount how many filter strings the call passed (0 when it takes none)
   * @return what to tell when the operation ends
   */
  Observation start(Operation operation, StoreInfo store, String namespace, @Nullable String id,
      int filterCount);

  /** One operation in progress. */
  interface Observation {
    /** The backend retries the operation's transaction after a conflict ({@code cause}). */
    default void retried(Throwable cause) {}

    /**
     * The operation succeeded.
     *
     * @param resultCount how many containers it returned ({@code list}, {@code page}), or -1
     *     when it returns no count ({@code get}, writes, {@code stream} and {@code watch},
     *     whose results arrive after the call)
     */
    void succeeded(int resultCount);

    /** The operation failed with {@code error}. */
    void failed(StoreException error);
  }

  /** The operations of a {@link Store}. */
  enum Operation {
    GET, LIST, STREAM, CREATE, UPDATE, DELETE, REVISION, UPDATE_IF, DELETE_IF, WATCH, PAGE;

    /** The lower-case name used in metric tags and span names, e.g. {@code update_if}. */
    public String tagValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
