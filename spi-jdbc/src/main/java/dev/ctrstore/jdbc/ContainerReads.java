package dev.ctrstore.jdbc;

import dev.ctrstore.Container;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.Storage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The reads of one transaction in one namespace. */
class ContainerReads implements Storage.Reader {
  final Session h;
  final byte[] ns;

  ContainerReads(Session h, String namespace) {
    this.h = h;
    this.ns = Codec.utf8(namespace);
  }

  @Override
  public @Nullable Container get(String id) {
    return read(Sql.GET, id);
  }

  /** The container {@code id} by {@code sql} ({@link Sql#GET} or a locking form of it). */
  final @Nullable Container read(String sql, String id) {
    try (Call c = Call.of(h, sql)) {
      return c.bytes("ns", ns).bytes("id", Codec.utf8(id)).first(ContainerRows::read);
    }
  }

  @Override
  public List<Container> candidates(Filter filter) {
    Pushdown p = Pushdown.of(filter);
    if (p.kind() == Pushdown.Kind.NONE) {
      return List.of();
    }
    if (p.kind() == Pushdown.Kind.ALL) {
      return h.handle().createQuery(Sql.LIST + Sql.AFTER + Sql.ORDER_PK)
          .bind("ns", ns)
          .bind("after", Sql.BEFORE_ALL_IDS)
          .map(ContainerRows.MAPPER)
          .list();
    }
    return h.handle().createQuery(Sql.LIST + p.condition() + Sql.ORDER)
        .bind("ns", ns)
        .bindMap(p.parameters())
        .map(ContainerRows.MAPPER)
        .list();
  }

  /** One keyset page: seeks by primary key, so a late page reads what the first one does. */
  @Override
  public List<Container> candidatesAfter(Filter filter, String afterId, int limit) {
    Pushdown p = Pushdown.of(filter);
    if (p.kind() == Pushdown.Kind.NONE) {
      return List.of();
    }
    return h.handle().createQuery(Sql.LIST + p.condition() + Sql.AFTER + Sql.ORDER_PK + Sql.LIMIT)
        .bind("ns", ns)
        .bindMap(p.parameters())
        .bind("after", afterId.isEmpty() ? Sql.BEFORE_ALL_IDS : Codec.utf8(afterId))
        .bind("limit", limit)
        .map(ContainerRows.MAPPER)
        .list();
  }

  @Override
  public long revision() {
    return Revisions.current(h, ns);
  }
}
