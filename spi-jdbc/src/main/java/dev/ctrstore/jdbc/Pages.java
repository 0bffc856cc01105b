package dev.ctrstore.jdbc;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The candidates of a filter as a lazy stream: keyset pagination by id, {@value #PAGE_SIZE} rows
 * at a time, inside one REPEATABLE READ transaction, so every page reads the same state. The
 * connection is released when the last page is read, on a failure, or when the stream is closed.
 */
final class Pages implements Iterator<Container>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

  /** Rows per page. */
  static final int PAGE_SIZE = 500;

  private final Errors errors;
  private final Context ctx;
  private final String what;
  private final byte[] ns;
  private final Pushdown pushdown;
  private final ArrayDeque<Container> buffer = new ArrayDeque<>();
  private @Nullable Handle h;
  private byte[] after = Sql.BEFORE_ALL_IDS;
  private boolean exhausted;

  private Pages(Handle h, Errors errors, Context ctx, String what, String namespace,
      Pushdown pushdown) {
    this.h = h;
    this.errors = errors;
    this.ctx = ctx;
    this.what = what;
    this.ns = Codec.utf8(namespace);
    this.pushdown = pushdown;
  }

  /** Opens the read transaction and returns the stream of its pages; the caller closes it. */
  static Stream<Container> stream(Deadlines deadlines, Errors errors, Context ctx,
      String namespace, Pushdown pushdown) {
    String what = Errors.describe("list", namespace);
    Handle h = deadlines.open(ctx, what);
    try {
      h.setTransactionIsolationLevel(TransactionIsolationLevel.REPEATABLE_READ);
      h.begin();
    } catch (RuntimeException e) {
      h.close();
      throw errors.map(e, what, ctx);
    }
    Pages pages = new Pages(h, errors, ctx, what, namespace, pushdown);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(pages,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false)
        .onClose(pages::close);
  }

  @Override
  public boolean hasNext() {
    if (buffer.isEmpty() && !exhausted) {
      fetch();
    }
    return !buffer.isEmpty();
  }

  @Override
  public Container next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.removeFirst();
  }

  private void fetch() {
    Handle handle = h;
    if (handle == null) {
      exhausted = true;
      return;
    }
    try {
      List<Container> page = handle.createQuery(Sql.LIST + pushdown.condition() + Sql.AFTER
              + Sql.ORDER_PK + Sql.LIMIT)
          .bind("ns", ns)
          .bindMap(pushdown.parameters())
          .bind("after", after)
          .bind("limit", PAGE_SIZE)
          .map(ContainerRows.MAPPER)
          .list();
      buffer.addAll(page);
      if (!page.isEmpty()) {
        after = Codec.utf8(page.get(page.size() - 1).id());
      }
      if (page.size() < PAGE_SIZE) {
        exhausted = true;
        close();
      }
    } catch (RuntimeException e) {
      exhausted = true;
      close();
      throw errors.map(e, what, ctx);
    }
  }

  @Override
  public void close() {
    Handle handle = h;
    h = null;
    if (handle == null) {
      return;
    }
    try {
      handle.rollback();
    } catch (RuntimeException e) {
      LOG.debug("{}: ending the read transaction: {}", what, e.toString());
    } finally {
      try {
        handle.close();
      } catch (RuntimeException e) {
        LOG.debug("{}: closing the connection: {}", what, e.toString());
      }
    }
  }
}
