package dev.ctrstore.jdbc;

import dev.ctrstore.Container;
import dev.ctrstore.Event;
import dev.ctrstore.spi.Storage;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The change log ({@code ctr_event}): one row per committed write, inserted in the write's
 * transaction, read by watchers in revision order. Since revisions have no gaps (see {@link
 * Revisions}), the log of a namespace is compacted through the revision below its oldest row,
 * or through its counter when no row is left.
 */
final class EventRows {
  private EventRows() {}

  private static Event.Type type(int code) {
    return switch (code) {
      case 1 -> Event.Type.CREATED;
      case 2 -> Event.Type.UPDATED;
      case 3 -> Event.Type.DELETED;
      default -> throw new IllegalStateException("ctr_event: unknown event type " + code);
    };
  }

  private static int code(Event.Type type) {
    return switch (type) {
      case CREATED -> 1;
      case UPDATED -> 2;
      case DELETED -> 3;
    };
  }

  /** Records {@code e}, whose container's columns are {@code fields}, in the current transaction. */
  static void insert(Session h, byte[] ns, Event e, ContainerRows.Fields fields) {
    try (Call c = Call.of(h, Sql.INSERT_EVENT)) {
      ContainerRows.bindFields(c, ns, fields)
          .number("event_revision", e.revision())
          .number("type", code(e.type()))
          .number("appended_at", System.currentTimeMillis())
          .update();
    }
  }

  /**
   * Up to {@code limit} events after {@code after} and how far the log was compacted, read in
   * the caller's transaction, which must see one snapshot (REPEATABLE READ).
   */
  static Storage.Events read(Handle h, byte[] ns, String namespace, long after, int limit) {
    RowMapper<Event> mapper = (rs, ctx) -> {
      Container c = ContainerRows.read(rs);
      return Event.of(type(rs.getInt(16)), namespace, rs.getLong(17), c);
    };
    // The state first: in a snapshot it does not matter, and it starts the snapshot on InnoDB.
    Optional<long[]> state = h.createQuery(Sql.LOG_STATE).bind("ns", ns)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getObject(2) == null ? -1 : rs.getLong(2)})
        .findOne();
    if (state.isEmpty()) {
      return new Storage.Events(List.of(), 0); // never written
    }
    long counter = state.get()[0];
    long oldest = state.get()[1];
    long compactedThrough = oldest < 0 ? counter : oldest - 1;
    if (after >= counter) {
      return new Storage.Events(List.of(), compactedThrough);
    }
    List<Event> events = h.createQuery(Sql.EVENTS).bind("ns", ns).bind("after", after)
        .bind("limit", limit).map(mapper).list();
    return new Storage.Events(events, compactedThrough);
  }
}
