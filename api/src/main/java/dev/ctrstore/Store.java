package dev.ctrstore;

import java.util.List;
import java.util.stream.Stream;

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

  /** Releases the backend's resources (connections, pools). The store cannot be used after. */
  @Override
  void close();
}
