package dev.ctrstore;

import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * containerd's container metadata store: per-namespace records keyed by id, with the five
 * operations of containerd's {@code containers.Store}. Every backend gives the same answers;
 * the conformance kit ({@code ctrstore-conformance-tests}) proves it.
 *
 * <p>Every operation first resolves the namespace of its {@link Context} (missing:
 * {@link FailedPreconditionException}; malformed: {@link InvalidArgumentException}). Every
 * write is atomic: it changes the whole container or nothing. Values returned by
 * {@link #create} and {@link #update} equal what a later {@link #get} returns, field for field.
 * Implementations are thread-safe.
 *
 * <p><b>Revisions.</b> A backend that keeps revisions (memory and jdbc do) gives every successful
 * {@link #create}, {@link #update} and {@link #delete} in a namespace a revision strictly greater
 * than every revision that namespace handed out before, in commit order; the containers it
 * returns carry it ({@link Container#revision()}). On such a backend {@link #revision}, {@link
 * #updateIf}, {@link #deleteIf} and {@link #watch} work; on others they throw {@link
 * UnimplementedException}. {@link #page} works on every backend.
 */
public interface Store extends AutoCloseable {

  /**
   * The container with this id.
   *
   * @throws NotFoundException if there is none (ids are not validated: a malformed id is simply
   *     not found)
   */
  Container get(Context ctx, String id);

  /**
   * The containers that match any of the filters (OR across strings, AND across the
   * comma-separated selectors within one), ordered by id in byte order. No filter, or an empty
   * string among them, matches everything.
   *
   * @throws InvalidArgumentException if a filter does not parse; nothing is read then
   */
  List<Container> list(Context ctx, String... filters);

  /**
   * Like {@link #list}, but delivers the matches lazily, in the same order. Backends that can
   * serve it from a cursor do, so the result need not fit in memory. The stream holds resources
   * until it is closed: use it in try-with-resources.
   */
  default Stream<Container> stream(Context ctx, String... filters) {
    return list(ctx, filters).stream();
  }

  /**
   * Stores a new container. The store sets both timestamps (equal, truncated to microseconds)
   * and drops labels whose value is empty; the returned value is what was stored.
   *
   * @throws InvalidArgumentException if the container breaks a validation rule (checked before
   *     existence)
   * @throws AlreadyExistsException if the id is taken in the namespace
   */
  Container create(Context ctx, Container container);

  /**
   * Updates the container with {@code container.id()}. With no field paths, replaces labels,
   * spec, extensions, image and snapshot key, and requires runtime name and snapshotter to be
   * unchanged; with paths, takes only the named fields ({@code labels}, {@code labels.<key>},
   * {@code extensions}, {@code extensions.<key>}, {@code spec}, {@code image},
   * {@code snapshotkey}) from {@code container}.
   *
   * @throws InvalidArgumentException for an empty id, a rejected path, an immutable field
   *     changed, or a merged record that breaks a rule
   * @throws NotFoundException if no such container exists (checked before the paths)
   */
  Container update(Context ctx, Container container, String... fieldPaths);

  /**
   * Removes the container.
   *
   * @throws NotFoundException if there is none
   */
  void delete(Context ctx, String id);

  /**
   * The namespaces that hold at least one container, in byte order. Only the context's
   * deadline is used; it needs no namespace. Stores opened through {@link Stores} support it
   * where their backend can list namespaces.
   *
   * @throws UnimplementedException if this store cannot list its namespaces
   */
  default List<String> namespaces(Context ctx) {
    throw new UnimplementedException("namespaces: this store cannot list its namespaces");
  }

  /**
   * The namespace's latest revision: that of its last committed write, {@code 0} if it was never
   * written.
   *
   * @throws UnimplementedException if the backend keeps no revisions
   */
  default long revision(Context ctx) {
    throw new UnimplementedException("revision: this store keeps no revisions");
  }

  /**
   * Like {@link #update}, but only if the stored container's revision equals {@code
   * expectedRevision}. Checks in containerd's order: namespace, then existence, then the revision,
   * then the paths and validation.
   *
   * @throws NotFoundException if no such container exists
   * @throws AbortedException if the stored revision is another one (the message names the id, the
   *     expected and the actual revision); nothing was written
   * @throws UnimplementedException if the backend keeps no revisions
   */
  default Container updateIf(Context ctx, long expectedRevision, Container container,
      String... fieldPaths) {
    throw new UnimplementedException("updateIf: this store keeps no revisions");
  }

  /**
   * Like {@link #delete}, but only if the stored container's revision equals {@code
   * expectedRevision}.
   *
   * @throws NotFoundException if there is none
   * @throws AbortedException if the stored revision is another one; nothing was deleted
   * @throws UnimplementedException if the backend keeps no revisions
   */
  default void deleteIf(Context ctx, String id, long expectedRevision) {
    throw new UnimplementedException("deleteIf: this store keeps no revisions");
  }

  /**
   * Watches the namespace: every change with a revision greater than {@code afterRevision}, in
   * revision order, each exactly once, including changes committed by other processes on the same
   * database. Start from {@code 0} for everything the backend still keeps, or from the {@link
   * Page#revision()} of a listing to follow it up. Fails at once, not at the first poll, when the
   * requested changes are no longer kept.
   *
   * @throws InvalidArgumentException if {@code afterRevision} is negative
   * @throws RevisionCompactedException if the backend discarded events after {@code
   *     afterRevision}: list again, then watch from the listing's revision
   * @throws UnimplementedException if the backend keeps no revisions
   */
  default Watch watch(Context ctx, long afterRevision) {
    throw new UnimplementedException("watch: this store keeps no revisions");
  }

  /**
   * One page of the containers that match the filters (as {@link #list}): at most {@code limit}
   * of them, in id order, after the position {@code pageToken} marks ({@code null} for the first
   * page). Paging is by key, not offset: a late page costs what the first does, and paging
   * through a namespace that changes meanwhile returns every container that existed throughout
   * exactly once, in id order (containers created or deleted meanwhile may or may not appear).
   *
   * @throws InvalidArgumentException if {@code limit} is below 1, a filter does not parse, or the
   *     token was altered, is not one of ours, or was issued for other filters or another namespace
   */
  default Page page(Context ctx, int limit, @Nullable String pageToken, String... filters) {
    throw new UnimplementedException("page: not offered by this store");
  }

  /**
   * What this store is backed by: backend, database system, location (masked) and schema
   * version. Stores opened through {@link Stores} describe their backend; the default describes
   * nothing.
   */
  default StoreInfo info() {
    return StoreInfo.unknown();
  }

  /**
   * This store with {@code observer} told about every call (for metrics and tracing). The
   * returned store answers exactly as this one does; closing it closes this one. Observing an
   * observed store again gives one store with both observers (the later one starts first and
   * ends last), so both see the backend's retries.
   */
  default Store observedBy(StoreObserver observer) {
    return new ObservedStore(this, observer);
  }

  /** Releases the backend's resources (connections, pools). The store cannot be used after. */
  @Override
  void close();
}
