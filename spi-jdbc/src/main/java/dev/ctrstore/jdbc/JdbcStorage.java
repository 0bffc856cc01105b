package dev.ctrstore.jdbc;

import com.google.protobuf.Any;
import com.zaxxer.hikari.pool.HikariPool;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.RuntimeInfo;
import dev.ctrstore.StoreException;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.Storage;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Containers in two tables (see the migrations): {@code ctr_container}, one row per container
 * holding every field (labels and extensions encoded whole), and {@code ctr_label}, one row of
 * hashes per label (see {@link LabelRow}), which only serves filter push-down. Each
 * {@link #read} and {@link #write} is one JDBC transaction on one pooled connection; writes lock
 * the container row ({@code SELECT … FOR UPDATE}) and are run again, a bounded number of times,
 * after a deadlock or serialization failure.
 */
final class JdbcStorage implements Storage {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

  /** Attempts of one write before a persisting conflict is reported. */
  static final int MAX_ATTEMPTS = 12;
  /** Rows per page of {@link #stream}. */
  static final int PAGE_SIZE = 500;

  private final Dialect dialect;
  private final Errors errors;
  private final HikariPool pool;
  private final long connectionTimeoutMs;
  private final @Nullable Connection keeper;
  private final @Nullable H2Durability h2;
  private final Jdbi jdbi;
  private final ThreadLocal<Long> borrowTimeout = new ThreadLocal<>();
  private final RowMapper<Container> rowMapper = JdbcStorage::container;

  /**
   * @param keeper a connection held open for the storage's lifetime (keeps a named in-memory H2
   *     database alive while the pool replaces connections), closed last; or null
   * @param h2 forces each commit of an embedded H2 file database to disk; or null
   */
  JdbcStorage(Dialect dialect, Errors errors, HikariPool pool, long connectionTimeoutMs,
      @Nullable Connection keeper, @Nullable H2Durability h2) {
    this.dialect = dialect;
    this.errors = errors;
    this.pool = pool;
    this.connectionTimeoutMs = connectionTimeoutMs;
    this.keeper = keeper;
    this.h2 = h2;
    this.jdbi = Jdbi.create(new ConnectionFactory() {
      @Override
      public Connection openConnection() throws SQLException {
        Long t = borrowTimeout.get();
        return JdbcStorage.this.pool.getConnection(t == null ? connectionTimeoutMs : t);
      }
    });
    // A handle whose work threw is rolled back by inTransaction; never complain on close.
    jdbi.getConfig(Handles.class).setForceEndTransactions(false);
  }

  // ---------------------------------------------------------------------------------------
  // Transactions

  @Override
  public <T> T read(Context ctx, String namespace, ReadWork<T> work) {
    String what = Errors.describe("read", namespace);
    try (Handle h = open(ctx, what)) {
      return transaction(h, TransactionIsolationLevel.REPEATABLE_READ,
          () -> work.run(new Reads(h, namespace)));
    } catch (RuntimeException e) {
      throw fromDatabase(e) ? errors.map(e, what, ctx) : e;
    }
  }

  @Override
  public <T> T write(Context ctx, String namespace, WriteWork<T> work) {
    String what = Errors.describe("write", namespace);
    TransactionIsolationLevel level = TransactionIsolationLevel.valueOf(dialect.writeIsolation());
    for (int attempt = 1; ; attempt++) {
      try (Handle h = open(ctx, what)) {
        T committed = transaction(h, level, () -> {
          T result = work.run(new Writes(h, namespace));
          if (ctx.isExpired()) {
            throw new DeadlineExceededException(what + ": deadline " + ctx.deadline()
                + " passed before commit; rolled back");
          }
          return result;
        });
        if (h2 != null) {
          forceToDisk(h2, h.getConnection(), what);
        }
        return committed;
      } catch (StoreException e) {
        throw e;
      } catch (RuntimeException e) {
        if (!fromDatabase(e)) {
          throw e; // the work's own failure, after rollback
        }
        if (ctx.isExpired()) {
          throw errors.map(e, what, ctx);
        }
        if (attempt < MAX_ATTEMPTS && errors.isRetryable(e)) {
          LOG.debug("{}: transaction conflict on attempt {}, running it again: {}", what, attempt,
              String.valueOf(Errors.sqlCause(e)));
          backoff(attempt, ctx);
          continue;
        }
        if (errors.isRetryable(e)) {
          throw new StoreException(ErrorKind.UNKNOWN, what + ": transaction conflict persisted after "
              + attempt + " attempts on " + errors.url() + " (" + Errors.sqlCause(e) + ")", e);
        }
        throw errors.map(e, what, ctx);
      }
    }
  }

  /**
   * Runs {@code body} in one transaction on {@code h}. Where the dialect allows, the transaction
   * is bracketed by {@code START TRANSACTION} and {@code COMMIT} statements with autocommit left
   * on: JDBC's own bracket costs two more round trips on MySQL ({@code SET autocommit=0} before
   * and {@code SET autocommit=1} after), 25% of a create's. If the bracket cannot be closed (the
   * connection failed mid-way), the connection is evicted so no open transaction returns to the
   * pool.
   */
  private <T> T transaction(Handle h, TransactionIsolationLevel level, Body<T> body) {
    if (!dialect.bracketsTransactionsWithStatements()) {
      return h.inTransaction(level, tx -> body.run());
    }
    // A no-op unless the session has another level (the driver knows the session's level).
    h.setTransactionIsolationLevel(level);
    Connection c = h.getConnection();
    bracket(c, "START TRANSACTION");
    T result;
    try {
      result = body.run();
      bracket(c, "COMMIT");
    } catch (RuntimeException e) {
      RuntimeException rollbackFailure = rollback(c);
      if (rollbackFailure != null && fromDatabase(e)) {
        // A statement failed and the connection is gone with it: the driver's own message (a
        // batch on a dead link reports "statement closed") can hide that, the rollback's does not.
        rollbackFailure.addSuppressed(e);
        throw rollbackFailure;
      }
      if (rollbackFailure != null) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } catch (Error e) {
      rollback(c);
      throw e;
    }
    return result;
  }

  /** Rolls back; on failure evicts the connection (no open transaction may return to the pool) and returns the failure. */
  private @Nullable RuntimeException rollback(Connection c) {
    try {
      bracket(c, "ROLLBACK");
      return null;
    } catch (RuntimeException e) {
      LOG.debug("rollback failed, evicting the connection: {}", e.toString());
      pool.evictConnection(c);
      return e;
    }
  }

  /**
   * A plain statement, not a prepared one: Connector/J's statement cache answers a prepared
   * statement on a connection the network broke with "statement closed" (S1009), which would hide
   * the connection failure (08003) the caller must see as Unavailable.
   */
  private static void bracket(Connection c, String sql) {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new SqlFailure(sql, e);
    }
  }

  /** A failed transaction bracket; {@link Errors} reads the SQLException inside. */
  private static final class SqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SqlFailure(String sql, SQLException cause) {
      super(sql + ": " + cause.getMessage(), cause);
    }
  }

  /** The work of one transaction. */
  @FunctionalInterface
  private interface Body<T> {
    T run();
  }

  /**
   * The write is committed and visible; only its durability is in doubt if forcing fails (a
   * disk error), so the caller learns the outcome is unknown rather than that nothing happened.
   */
  private void forceToDisk(H2Durability h2, Connection c, String what) {
    try {
      h2.afterCommit(c);
    } catch (SQLException | RuntimeException e) {
      throw new StoreException(ErrorKind.UNKNOWN, what + ": committed, but forcing it to disk"
          + " failed on " + errors.url() + "; the write may not survive a power loss (" + e + ")", e);
    }
  }

  /**
   * One SELECT by primary key in autocommit mode: no transaction to begin, set the isolation of
   * and commit, so one round trip instead of several. A single statement reads one consistent
   * state on H2 and InnoDB alike.
   */
  @Override
  public @Nullable Container get(Context ctx, String namespace, String id) {
    if (ctx.deadline() == null) {
      return getDirect(ctx, namespace, id);
    }
    String what = Errors.describe("read", namespace);
    try (Handle h = open(ctx, what)) {
      return new Reads(h, namespace).get(id);
    } catch (RuntimeException e) {
      throw fromDatabase(e) ? errors.map(e, what, ctx) : e;
    }
  }

  /**
   * {@link #get} when there is no deadline to enforce: no JDBI handle, just a pooled connection
   * and one prepared statement (whose parse the driver caches). A point read is the hottest
   * call, and the handle's setup cost more than the query itself on embedded H2.
   */
  private @Nullable Container getDirect(Context ctx, String namespace, String id) {
    try (Connection c = pool.getConnection(connectionTimeoutMs);
        PreparedStatement ps = c.prepareStatement(Sql.GET_POSITIONAL)) {
      ps.setBytes(1, Codec.utf8(namespace));
      ps.setBytes(2, Codec.utf8(id));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? container(rs, null) : null;
      }
    } catch (SQLException | RuntimeException e) {
      throw errors.map(e, Errors.describe("read", namespace), ctx);
    }
  }

  /** Pages through the candidates by id in one REPEATABLE READ transaction, {@value #PAGE_SIZE} rows at a time. */
  @Override
  public Stream<Container> stream(Context ctx, String namespace, Filter filter) {
    Pushdown p = Pushdown.of(filter);
    if (p.kind() == Pushdown.Kind.NONE) {
      return Stream.empty();
    }
    String what = Errors.describe("list", namespace);
    Handle h = open(ctx, what);
    try {
      h.setTransactionIsolationLevel(TransactionIsolationLevel.REPEATABLE_READ);
      h.begin();
    } catch (RuntimeException e) {
      h.close();
      throw errors.map(e, what, ctx);
    }
    Pages pages = new Pages(h, ctx, what, namespace, p);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(pages,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false)
        .onClose(pages::close);
  }

  /** The H2 file discipline in force, or null (for tests). */
  @Nullable H2Durability h2() {
    return h2;
  }

  @Override
  public void close() {
    if (h2 != null) {
      h2.close();
    }
    try {
      pool.shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (keeper != null) {
        try {
          keeper.close();
        } catch (SQLException e) {
          LOG.debug("closing the keeper connection: {}", e.toString());
        }
      }
    }
  }

  /** A handle on a pooled connection, waiting no longer than the deadline for it; statements get a query timeout from the deadline. */
  private Handle open(Context ctx, String what) {
    long timeout = connectionTimeoutMs;
    Optional<Duration> remaining = ctx.remaining();
    if (remaining.isPresent()) {
      long ms = remaining.get().toMillis();
      if (ms <= 0) {
        throw new DeadlineExceededException(what + ": deadline " + ctx.deadline() + " exceeded");
      }
      timeout = Math.min(timeout, Math.max(ms, 1));
    }
    borrowTimeout.set(timeout);
    Handle h;
    try {
      h = jdbi.open();
    } catch (RuntimeException e) {
      throw errors.map(e, what, ctx);
    } finally {
      borrowTimeout.remove();
    }
    if (ctx.deadline() != null) {
      if (dialect.boundsReadsWithNetworkTimeout()) {
        // The query timeout counts whole seconds and is enforced by a KILL sent over a second
        // connection; neither helps when the network stalls, and the statements JDBC runs on its
        // own (autocommit, isolation, commit) have no timeout at all. A socket timeout of the
        // time left bounds every read on this connection.
        try {
          networkTimeout(h.getConnection(), ctx, what);
        } catch (SQLException | RuntimeException e) {
          h.close();
          throw errors.map(e, what, ctx);
        }
      }
      h.addCustomizer(new DeadlineCustomizer(ctx, what, dialect.boundsReadsWithNetworkTimeout()));
      String lockTimeout = dialect.lockTimeoutSql(timeoutFor(ctx));
      if (lockTimeout != null) {
        // A lock wait is not cut short by the query timeout on every database; bound it too,
        // and put the pool's setting back when the handle is closed.
        try {
          h.execute(lockTimeout);
        } catch (RuntimeException e) {
          h.close();
          throw errors.map(e, what, ctx);
        }
        String reset = dialect.lockTimeoutSql(-1);
        h.addCleanable(() -> {
          try {
            h.execute(reset);
          } catch (RuntimeException e) {
            LOG.debug("{}: resetting the lock timeout: {}", what, e.toString());
          }
        });
      }
    }
    return h;
  }

  private static long timeoutFor(Context ctx) {
    return ctx.remaining().map(Duration::toMillis).map(ms -> Math.max(1, ms)).orElse(-1L);
  }

  /** True for failures of the database or the driver, as opposed to exceptions of the work itself. */
  private static boolean fromDatabase(RuntimeException e) {
    return e instanceof JdbiException || Errors.sqlCause(e) != null;
  }

  private static void backoff(int attempt, Context ctx) {
    long cap = Math.min(200, 2L << Math.min(attempt, 7));
    long ms = ThreadLocalRandom.current().nextLong(1, cap + 1);
    Optional<Duration> remaining = ctx.remaining();
    if (remaining.isPresent()) {
      ms = Math.min(ms, Math.max(0, remaining.get().toMillis()));
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(ErrorKind.UNKNOWN, "interrupted while retrying a write", e);
    }
  }

  /**
   * Bounds every socket read on {@code c} by the time left until the deadline (the pool puts its
   * own setting back when the connection is returned). The driver applies it synchronously.
   */
  private static void networkTimeout(Connection c, Context ctx, String what) throws SQLException {
    long ms = ctx.remaining().map(Duration::toMillis).orElse(0L);
    if (ms <= 0) {
      throw new DeadlineExceededException(what + ": deadline " + ctx.deadline() + " exceeded");
    }
    c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, ms));
  }

  /**
   * Sets each statement's query timeout to the time left (JDBC counts whole seconds, so at least
   * 1) and, where the dialect needs it, the connection's network timeout to the exact time left.
   */
  private record DeadlineCustomizer(Context ctx, String what, boolean network)
      implements StatementCustomizer {
    @Override
    public void beforeExecution(PreparedStatement stmt, StatementContext sc) throws SQLException {
      long ms = ctx.remaining().map(Duration::toMillis).orElse(Long.MAX_VALUE);
      if (ms <= 0) {
        throw new DeadlineExceededException(what + ": deadline " + ctx.deadline() + " exceeded");
      }
      if (network) {
        networkTimeout(stmt.getConnection(), ctx, what);
      }
      stmt.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, (ms + 999) / 1000)));
    }
  }

  // ---------------------------------------------------------------------------------------
  // Rows

  /**
   * A row of {@link Sql#COLUMNS}, read by position: by name, H2 looks each column's index up
   * again for every row (9% of a {@code get} in a profile).
   */
  private static Container container(ResultSet rs, StatementContext ctx) throws SQLException {
    byte[] optionsType = rs.getBytes(4);
    Any options = optionsType == null ? null : Codec.any(optionsType, rs.getBytes(5));
    return Container.builder()
        .id(Codec.string(rs.getBytes(1)))
        .image(Codec.string(rs.getBytes(2)))
        .runtime(new RuntimeInfo(Codec.string(rs.getBytes(3)), options))
        .spec(Codec.any(rs.getBytes(6), rs.getBytes(7)))
        .snapshotter(Codec.string(rs.getBytes(8)))
        .snapshotKey(Codec.string(rs.getBytes(9)))
        .sandboxId(Codec.string(rs.getBytes(10)))
        .labels(Codec.decodeLabels(rs.getBytes(11)))
        .extensions(Codec.decodeExtensions(rs.getBytes(12)))
        .createdAt(Codec.instant(rs.getLong(13)))
        .updatedAt(Codec.instant(rs.getLong(14)))
        .build();
  }

  private static <S extends SqlStatement<S>> S bindRow(S st, byte[] ns, Container c) {
    Any spec = c.spec();
    if (spec == null) {
      throw new IllegalArgumentException("container " + c.id() + " has no spec");
    }
    Any options = c.runtime().options();
    @SuppressWarnings("unchecked")
    Map<String, Any> extensions = (Map<String, Any>) (Map<String, ?>) c.extensions();
    st.bind("ns", ns)
        .bind("id", Codec.utf8(c.id()))
        .bind("image", Codec.utf8(c.image()))
        .bind("image_hash", Codec.hash(c.image()))
        .bind("runtime_name", Codec.utf8(c.runtime().name()))
        .bind("runtime_hash", Codec.hash(c.runtime().name()))
        .bind("spec_type_url", Codec.utf8(spec.getTypeUrl()))
        .bind("spec_value", spec.getValue().toByteArray())
        .bind("snapshotter", Codec.utf8(c.snapshotter()))
        .bind("snapshot_key", Codec.utf8(c.snapshotKey()))
        .bind("sandbox_id", Codec.utf8(c.sandboxId()))
        .bind("labels", Codec.encodeLabels(c.labels()))
        .bind("extensions", Codec.encodeExtensions(extensions))
        .bind("created_at", Codec.micros(required(c.createdAt(), "createdAt", c)))
        .bind("updated_at", Codec.micros(required(c.updatedAt(), "updatedAt", c)));
    if (options == null) {
      st.bindBySqlType("runtime_options_type_url", null, Types.VARBINARY)
          .bindBySqlType("runtime_options_value", null, Types.VARBINARY);
    } else {
      st.bind("runtime_options_type_url", Codec.utf8(options.getTypeUrl()))
          .bind("runtime_options_value", options.getValue().toByteArray());
    }
    return st;
  }

  private static <T> T required(@Nullable T value, String field, Container c) {
    if (value == null) {
      throw new IllegalArgumentException("container " + c.id() + " has no " + field);
    }
    return value;
  }

  // ---------------------------------------------------------------------------------------
  // Reader and Writer

  private class Reads implements Reader {
    final Handle h;
    final byte[] ns;

    Reads(Handle h, String namespace) {
      this.h = h;
      this.ns = Codec.utf8(namespace);
    }

    @Override
    public @Nullable Container get(String id) {
      return h.createQuery(Sql.GET).bind("ns", ns).bind("id", Codec.utf8(id))
          .map(rowMapper).findOne().orElse(null);
    }

    @Override
    public List<Container> candidates(Filter filter) {
      Pushdown p = Pushdown.of(filter);
      if (p.kind() == Pushdown.Kind.NONE) {
        return List.of();
      }
      if (p.kind() == Pushdown.Kind.ALL) {
        return h.createQuery(Sql.LIST + Sql.AFTER + Sql.ORDER_PK)
            .bind("ns", ns)
            .bind("after", Sql.BEFORE_ALL_IDS)
            .map(rowMapper)
            .list();
      }
      return h.createQuery(Sql.LIST + p.condition() + Sql.ORDER)
          .bind("ns", ns)
          .bindMap(p.parameters())
          .map(rowMapper)
          .list();
    }

    /** One keyset page: seeks by primary key, so a late page reads what the first one does. */
    @Override
    public List<Container> candidatesAfter(Filter filter, String afterId, int limit) {
      Pushdown p = Pushdown.of(filter);
      if (p.kind() == Pushdown.Kind.NONE) {
        return List.of();
      }
      return h.createQuery(Sql.LIST + p.condition() + Sql.AFTER + Sql.ORDER_PK + Sql.LIMIT)
          .bind("ns", ns)
          .bindMap(p.parameters())
          .bind("after", afterId.isEmpty() ? Sql.BEFORE_ALL_IDS : Codec.utf8(afterId))
          .bind("limit", limit)
          .map(rowMapper)
          .list();
    }
  }

  private final class Writes extends Reads implements Writer {
    Writes(Handle h, String namespace) {
      super(h, namespace);
    }

    @Override
    public @Nullable Container getForUpdate(String id) {
      return h.createQuery(Sql.GET_FOR_UPDATE).bind("ns", ns).bind("id", Codec.utf8(id))
          .map(rowMapper).findOne().orElse(null);
    }

    /**
     * A plain INSERT: the primary key decides between concurrent creators (the losers wait for
     * the winner's commit and then get a duplicate-key error). A failed statement leaves the
     * transaction usable on H2 and MySQL, so nothing else is needed to "write nothing".
     */
    @Override
    public boolean insert(Container c) {
      try {
        bindRow(h.createUpdate(Sql.INSERT), ns, c).execute();
      } catch (JdbiException e) {
        if (errors.isDuplicateKey(e)) {
          return false;
        }
        throw e;
      }
      insertLabels(Codec.utf8(c.id()), LabelRow.of(c.labels()));
      return true;
    }

    @Override
    public void replace(Container previous, Container next) {
      int n = bindRow(h.createUpdate(Sql.UPDATE), ns, next).execute();
      if (n != 1) {
        throw new IllegalStateException("container " + next.id() + " vanished while locked");
      }
      byte[] id = Codec.utf8(next.id());
      LabelChanges changes = LabelChanges.between(LabelRow.of(previous.labels()),
          LabelRow.of(next.labels()));
      if (!changes.removed().isEmpty()) {
        PreparedBatch b = h.prepareBatch(Sql.DELETE_LABEL);
        for (LabelRow r : changes.removed()) {
          b.bind("ns", ns).bind("id", id).bind("key_hash", r.keyHash())
              .bind("value_hash", r.valueHash()).add();
        }
        b.execute();
      }
      if (!changes.changed().isEmpty()) {
        PreparedBatch b = h.prepareBatch(Sql.UPDATE_LABEL);
        for (LabelChanges.Change c : changes.changed()) {
          b.bind("ns", ns).bind("id", id).bind("key_hash", c.from().keyHash())
              .bind("old_value_hash", c.from().valueHash())
              .bind("value_hash", c.to().valueHash()).add();
        }
        b.execute();
      }
      insertLabels(id, changes.added());
    }

    @Override
    public boolean delete(String id) {
      byte[] key = Codec.utf8(id);
      // ctr_label is keyed by label, not by container, so its rows are found from the labels.
      Optional<byte[]> labels = h.createQuery(Sql.LABELS_FOR_UPDATE).bind("ns", ns)
          .bind("id", key).mapTo(byte[].class).findOne();
      if (labels.isEmpty()) {
        return false;
      }
      h.createUpdate(Sql.DELETE).bind("ns", ns).bind("id", key).execute();
      SortedSet<LabelRow> rows = LabelRow.of(Codec.decodeLabels(labels.get()));
      if (!rows.isEmpty()) {
        PreparedBatch b = h.prepareBatch(Sql.DELETE_LABEL);
        for (LabelRow r : rows) {
          b.bind("ns", ns).bind("id", key).bind("key_hash", r.keyHash())
              .bind("value_hash", r.valueHash()).add();
        }
        b.execute();
      }
      return true;
    }

    /** One batch; the rows are distinct (see {@link LabelRow#of(Map)}) and in key order. */
    private void insertLabels(byte[] id, SortedSet<LabelRow> rows) {
      if (rows.isEmpty()) {
        return;
      }
      PreparedBatch b = h.prepareBatch(Sql.INSERT_LABEL);
      for (LabelRow r : rows) {
        b.bind("ns", ns).bind("id", id)
            .bind("key_hash", r.keyHash())
            .bind("value_hash", r.valueHash())
            .add();
      }
      b.execute();
    }
  }

  /**
   * The label rows to delete, rewrite and insert to turn a container's rows {@code before} into
   * {@code after}, applied in that order.
   */
  record LabelChanges(SortedSet<LabelRow> removed, List<Change> changed, SortedSet<LabelRow> added) {
    /** A row whose value hash changes, key hash kept. */
    record Change(LabelRow from, LabelRow to) {}

    static LabelChanges between(SortedSet<LabelRow> before, SortedSet<LabelRow> after) {
      SortedSet<LabelRow> removed = new TreeSet<>(before);
      removed.removeAll(after);
      SortedSet<LabelRow> added = new TreeSet<>(after);
      added.removeAll(before);
      // A label whose value changed is one row out and one in under the same key hash: rewrite
      // that row (one UPDATE, batched with the others) rather than delete it and insert another.
      // Only where the key hash is unambiguous on both sides (two keys of one container may share
      // a hash); any other row is deleted or inserted.
      Map<Long, LabelRow> out = single(removed);
      Map<Long, LabelRow> in = single(added);
      List<Change> changed = new ArrayList<>();
      for (Map.Entry<Long, LabelRow> e : out.entrySet()) {
        LabelRow to = in.get(e.getKey());
        if (to != null) {
          changed.add(new Change(e.getValue(), to));
          removed.remove(e.getValue());
          added.remove(to);
        }
      }
      return new LabelChanges(removed, changed, added);
    }

    /** The rows of {@code rows} by key hash (in their order), for the key hashes that occur once. */
    private static Map<Long, LabelRow> single(SortedSet<LabelRow> rows) {
      Map<Long, LabelRow> byKey = new LinkedHashMap<>();
      Set<Long> repeated = new HashSet<>();
      for (LabelRow r : rows) {
        if (byKey.putIfAbsent(r.key(), r) != null) {
          repeated.add(r.key());
        }
      }
      byKey.keySet().removeAll(repeated);
      return byKey;
    }
  }

  /**
   * A row of {@code ctr_label}: the hashes of a label's key and value (see {@link Codec#hash}),
   * held as big-endian longs, so that unsigned comparison is the byte order of the index.
   */
  record LabelRow(long key, long value) implements Comparable<LabelRow> {
    static LabelRow of(String key, String value) {
      return new LabelRow(asLong(Codec.hash(key)), asLong(Codec.hash(value)));
    }

    /** The distinct rows of a label map (labels whose hashes coincide share one row). */
    static SortedSet<LabelRow> of(Map<String, String> labels) {
      SortedSet<LabelRow> rows = new TreeSet<>();
      for (Map.Entry<String, String> e : labels.entrySet()) {
        rows.add(of(e.getKey(), e.getValue()));
      }
      return rows;
    }

    byte[] keyHash() {
      return bytes(key);
    }

    byte[] valueHash() {
      return bytes(value);
    }

    @Override
    public int compareTo(LabelRow o) {
      int c = Long.compareUnsigned(key, o.key);
      return c != 0 ? c : Long.compareUnsigned(value, o.value);
    }

    private static long asLong(byte[] hash) {
      return ByteBuffer.wrap(hash).getLong();
    }

    private static byte[] bytes(long v) {
      return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }
  }

  // ---------------------------------------------------------------------------------------
  // Paging for stream()

  /** Keyset pagination by id inside one transaction; releases the connection when done or closed. */
  private final class Pages implements Iterator<Container>, AutoCloseable {
    private final Context ctx;
    private final String what;
    private final byte[] ns;
    private final Pushdown pushdown;
    private final ArrayDeque<Container> buffer = new ArrayDeque<>();
    private @Nullable Handle h;
    private byte[] after = Sql.BEFORE_ALL_IDS;
    private boolean exhausted;

    Pages(Handle h, Context ctx, String what, String namespace, Pushdown pushdown) {
      this.h = h;
      this.ctx = ctx;
      this.what = what;
      this.ns = Codec.utf8(namespace);
      this.pushdown = pushdown;
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
            .map(rowMapper)
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
}
