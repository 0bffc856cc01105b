package dev.ctrstore.spi;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.UnimplementedException;
import dev.ctrstore.filter.Filter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a backend implements: storing and fetching whole containers, one namespace at a time, in
 * transactions. {@link dev.ctrstore.Stores#over} turns a {@code Storage} into a {@link
 * dev.ctrstore.Store} whose engine owns every rule (namespace and field validation, field-path merging, timestamps, filter
 * evaluation, error precedence), so a backend never re-implements one.
 *
 * <p>Namespaces passed in are already validated. Containers passed to {@link Writer#insert} and
 * {@link Writer#replace} are complete, validated and normalised (no empty-valued labels, no null
 * extension values, timestamps set), and must be returned by later reads exactly as given.
 *
 * <p><b>Revisions.</b> A storage that declares {@link Capability#REVISIONS} in {@link
 * #capabilities()} implements {@link Reader#revision}, {@link Writer#nextRevision}, {@link
 * Writer#append} and {@link #events}; the engine then stamps every write with the revision the
 * storage hands out, records an {@link Event} for it in the same transaction and serves
 * revisions, conditional writes and watches. The storage picks the number because only it knows
 * the order in which its transactions commit; the engine builds the containers and events, so no
 * storage decides what an event says. A storage that declares nothing gets none of these calls.
 */
public interface Storage extends AutoCloseable {

  /** What a storage offers beyond storing containers. */
  enum Capability {
    /**
     * Per-namespace revisions in commit order and a change log in the same transactions:
     * {@link Reader#revision}, {@link Writer#nextRevision}, {@link Writer#append}, {@link #events}
     * and {@link #awaitEvents}.
     */
    REVISIONS,
    /**
     * With {@link #REVISIONS}: {@link Writer#nextRevisions} and {@link
     * Writer#giveBackRevisions}, several consecutive revisions taken by one transaction, so that
     * a bulk move ({@link dev.ctrstore.Transfers}) writes a batch of containers in one
     * transaction, each still with a revision and an event of its own. Without it, the engine
     * writes such a batch one container per transaction.
     */
    REVISION_BATCHES
  }

  /**
   * What this storage is: database system, database name, location (never a secret: mask
   * passwords) and schema version. The library sets the backend name from the provider that
   * opened it. The default describes nothing.
   */
  default dev.ctrstore.StoreInfo info() {
    return dev.ctrstore.StoreInfo.unknown();
  }

  /** The capabilities this storage implements; none by default. */
  default Set<Capability> capabilities() {
    return Set.of();
  }

  /** Runs {@code work} in one read transaction that sees a consistent snapshot. */
  <T extends @Nullable Object> T read(Context ctx, String namespace, ReadWork<T> work);

  /**
   * Runs {@code work} in one write transaction: everything it wrote commits together when it
   * returns, and nothing is kept when it throws. A backend may run {@code work} again after a
   * transient conflict (deadlock, serialization failure); it has no side effects besides those
   * made through the {@link Writer}.
   */
  <T extends @Nullable Object> T write(Context ctx, String namespace, WriteWork<T> work);

  /**
   * The container with this id, or null: what {@code read(ctx, namespace, r -> r.get(id))}
   * returns, which is the default. A backend may answer it more cheaply, e.g. with one statement
   * and no explicit transaction (a single read is consistent by itself).
   */
  default @Nullable Container get(Context ctx, String namespace, String id) {
    return read(ctx, namespace, r -> r.get(id));
  }

  /**
   * Candidates for {@code filter}, lazily and in id order; the caller closes the stream. The
   * default materialises {@link Reader#candidates} in one read transaction; backends that can
   * page through a cursor override it.
   */
  default Stream<Container> stream(Context ctx, String namespace, Filter filter) {
    return read(ctx, namespace, r -> r.candidates(filter)).stream();
  }

  /**
   * For {@link Capability#REVISIONS}: up to {@code limit} events of the namespace with revisions
   * above {@code afterRevision}, in revision order, read consistently with {@link
   * Events#compactedThrough()}: every event above it that was committed when the read began is
   * either returned or lies beyond the last one returned.
   */
  default Events events(Context ctx, String namespace, long afterRevision, int limit) {
    throw new UnsupportedOperationException("storage does not declare REVISIONS");
  }

  /**
   * For {@link Capability#REVISIONS}: waits until an event above {@code afterRevision} may have
   * been committed in the namespace, or {@code timeout} passed, whichever is first. Returning
   * early is allowed (the caller reads {@link #events} again); the default sleeps 20 ms at most,
   * a polling interval that bounds the latency of a watch.
   */
  default void awaitEvents(String namespace, long afterRevision, Duration timeout)
      throws InterruptedException {
    long millis = Math.min(20, Math.max(0, timeout.toMillis()));
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  /**
   * The namespaces that hold at least one container, in byte order (what bulk moves of every
   * namespace read). The default reports that this backend cannot list them.
   */
  default List<String> namespaces(Context ctx) {
    throw new UnimplementedException("namespaces: this backend cannot list its namespaces ("
        + getClass().getName() + "): name the namespaces to read");
  }

  /** Releases connections, pools and files. */
  @Override
  void close();

  /** Reads inside a transaction. */
  interface Reader {
    /** The container with this id, or null. */
    @Nullable Container get(String id);

    /**
     * Every container of the namespace that may match {@code filter} (a superset is fine; the
     * caller applies {@link Filter#test}), ordered by id in byte order.
     */
    List<Container> candidates(Filter filter);

    /**
     * Up to {@code limit} candidates for {@code filter} (as {@link #candidates}) whose ids sort
     * after {@code afterId} ({@code ""}: from the first), in id order; fewer than {@code limit}
     * only when no more exist. The default filters {@link #candidates}; a backend that can seek
     * by id overrides it, so that a late page costs what the first does.
     */
    default List<Container> candidatesAfter(Filter filter, String afterId, int limit) {
      List<Container> out = new ArrayList<>(Math.min(limit, 1024));
      for (Container c : candidates(filter)) {
        if (c.id().compareTo(afterId) > 0) {
          out.add(c);
          if (out.size() == limit) {
            break;
          }
        }
      }
      return out;
    }

    /**
     * For {@link Capability#REVISIONS}: the namespace's latest committed revision as this
     * transaction sees it ({@code 0} if it was never written).
     */
    default long revision() {
      throw new UnsupportedOperationException("storage does not declare REVISIONS");
    }
  }

  /** Reads and writes inside a write transaction. */
  interface Writer extends Reader {
    /**
     * The container with this id, or null, locked so that no concurrent writer changes it until
     * this transaction ends.
     */
    @Nullable Container getForUpdate(String id);

    /** Inserts a container; returns false, writing nothing, if its id is taken. */
    boolean insert(Container container);

    /** Replaces {@code previous} (as read by {@link #getForUpdate}) with {@code next}. */
    void replace(Container previous, Container next);

    /** Removes the container; returns false if there was none. */
    boolean delete(String id);

    /**
     * For {@link Capability#REVISIONS}: the revision this transaction commits at, greater than
     * every revision the namespace committed before. The storage must make transactions of one
     * namespace that took a revision commit in the order of their revisions (for example by
     * holding a lock on a per-namespace counter until commit) and must not reuse a number once a
     * transaction committed with it.
     *
     * <p>Called at most once per transaction and <b>first</b>: before the engine reads, locks or
     * writes any container, so that every write of a namespace takes the counter before any row
     * (one lock order: no write holds a row while it waits for the counter). A write whose checks
     * then fail (not found, already exists, a revision mismatch, validation) throws, and the
     * rollback must take the revision back: revisions have no gaps.
     */
    default long nextRevision() {
      throw new UnsupportedOperationException("storage does not declare REVISIONS");
    }

    /**
     * For {@link Capability#REVISION_BATCHES}: takes {@code count} (at least 1) consecutive
     * revisions for this transaction and returns the first; the transaction commits at the last,
     * {@code first + count - 1}, under the same rules as {@link #nextRevision} (greater than
     * every revision committed before, commits in revision order, no number reused). Called at
     * most once per transaction, instead of {@code nextRevision}, and first, as it is: a batch
     * takes as many revisions as it has containers before it reads them, and gives back those it
     * did not need ({@link #giveBackRevisions}).
     */
    default long nextRevisions(int count) {
      throw new UnsupportedOperationException("storage does not declare REVISION_BATCHES");
    }

    /**
     * For {@link Capability#REVISION_BATCHES}: gives back the last {@code count} of the revisions
     * this transaction took with {@link #nextRevisions}, which it will not use (a batch's
     * containers found identical or conflicting write nothing). The counter stays this
     * transaction's until it ends; it then commits at the last revision it kept, or at none if it
     * gave them all back, so no number is skipped. Called at most once, after {@code
     * nextRevisions}, with {@code 1 <= count <=} the number taken.
     */
    default void giveBackRevisions(int count) {
      throw new UnsupportedOperationException("storage does not declare REVISION_BATCHES");
    }

    /**
     * For {@link Capability#REVISIONS}: records the event of this transaction's write in the
     * change log, to commit with the write (and vanish with it on rollback).
     */
    default void append(Event event) {
      throw new UnsupportedOperationException("storage does not declare REVISIONS");
    }
  }

  /**
   * A slice of a namespace's change log: events in revision order, and the highest revision whose
   * event was discarded by compaction ({@code 0} if none was).
   */
  record Events(List<Event> events, long compactedThrough) {
    public Events {
      events = List.copyOf(events);
    }
  }

  /** A unit of reading work; its result may be null (e.g. a container that is not there). */
  @FunctionalInterface
  interface ReadWork<T extends @Nullable Object> {
    T run(Reader reader);
  }

  /** A unit of writing work; its result may be null. */
  @FunctionalInterface
  interface WriteWork<T extends @Nullable Object> {
    T run(Writer writer);
  }
}
