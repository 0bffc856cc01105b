package dev.ctrstore.spi;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.filter.Filter;
import java.util.List;
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
 */
public interface Storage extends AutoCloseable {

  /** Runs {@code work} in one read transaction that sees a consistent snapshot. */
  <T> T read(Context ctx, String namespace, ReadWork<T> work);

  /**
   * Runs {@code work} in one write transaction: everything it wrote commits together when it
   * returns, and nothing is kept when it throws. A backend may run {@code work} again after a
   * transient conflict (deadlock, serialization failure); it has no side effects besides those
   * made through the {@link Writer}.
   */
  <T> T write(Context ctx, String namespace, WriteWork<T> work);

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
  }

  /** A unit of reading work. */
  @FunctionalInterface
  interface ReadWork<T> {
    T run(Reader reader);
  }

  /** A unit of writing work. */
  @FunctionalInterface
  interface WriteWork<T> {
    T run(Writer writer);
  }
}
