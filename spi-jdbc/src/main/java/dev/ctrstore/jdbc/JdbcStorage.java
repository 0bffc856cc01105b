package dev.ctrstore.jdbc;

import dev.ctrstore.StoreInfo;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.StoreException;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.EventRetention;
import dev.ctrstore.spi.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;

/**
 * The {@code jdbc} backend's {@link Storage}: containers in two tables (see the migrations),
 * {@code ctr_container}, one row per container holding every field, and {@code ctr_label}, one
 * row of hashes per label, which only serves filter push-down. Each {@link #read} and {@link
 * #write} is one JDBC transaction on one pooled connection. The parts, in the order a call meets
 * them:
 *
 * <ul>
 *   <li>{@link Deadlines}: a pooled connection with every wait bounded by the call's deadline;
 *   <li>{@link Transactions}: the bracket of one transaction; on SQLite a write instead joins
 *       {@link GroupCommit}, which commits this store's concurrent writes together;
 *   <li>{@link Retries}: a write that met a deadlock or serialization failure runs again, a
 *       bounded number of times;
 *   <li>{@link ContainerReads}, {@link ContainerWrites}: the statements of a transaction, with
 *       {@link ContainerRows} (row mapping and binding) and {@link LabelRows} (label rows, changed
 *       by {@link LabelChanges});
 *   <li>{@link PointReads}: {@code get} without a transaction; {@link Pages}: {@code stream} a
 *       page at a time;
 *   <li>{@link Revisions}, {@link EventRows}: the revision counter and the change log, written
 *       in each write's transaction; {@link EventLog}: watches' reads and waits, and compaction;
 *   <li>{@link Database}: the pool and what lives as long as it.
 * </ul>
 */
final class JdbcStorage implements Storage {
  private final StoreInfo info;
  private final Errors errors;
  private final Database db;
  private final Deadlines deadlines;
  private final Transactions transactions;
  private final Retries retries;
  private final PointReads pointReads;
  private final TransactionIsolationLevel writeIsolation;
  private final Dialect dialect;
  private final EventLog log;
  private final @Nullable GroupCommit group;

  JdbcStorage(Dialect dialect, Errors errors, Database db, StoreInfo info, EventRetention retention) {
    this.info = info;
    this.dialect = dialect;
    this.errors = errors;
    this.db = db;
    this.deadlines = new Deadlines(dialect, errors, db);
    this.transactions = new Transactions(dialect, db);
    this.retries = new Retries(errors);
    this.pointReads = new PointReads(errors, db, deadlines);
    this.writeIsolation = TransactionIsolationLevel.valueOf(dialect.writeIsolation());
    this.log = new EventLog(db, deadlines, transactions, errors, retention);
    WriterGate gate = db.writerGate();
    this.group = gate == null ? null : new GroupCommit(db, deadlines, errors, gate);
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.REVISIONS, Capability.REVISION_BATCHES);
  }

  @Override
  public Events events(Context ctx, String namespace, long afterRevision, int limit) {
    return log.read(ctx, namespace, afterRevision, limit);
  }

  /** Polls the namespace's counter until it passes {@code afterRevision} ({@link EventLog#await}). */
  @Override
  public void awaitEvents(String namespace, long afterRevision, Duration timeout)
      throws InterruptedException {
    log.await(namespace, afterRevision, timeout);
  }

  /** The change log (for tests). */
  EventLog eventLog() {
    return log;
  }

  @Override
  public StoreInfo info() {
    return info;
  }

  @Override
  public <T extends @Nullable Object> T read(Context ctx, String namespace, ReadWork<T> work) {
    String what = Errors.describe("read", namespace);
    try (Handle h = deadlines.open(ctx, what)) {
      return transactions.run(h, TransactionIsolationLevel.REPEATABLE_READ,
          () -> work.run(new ContainerReads(Session.of(h), namespace)));
    } catch (RuntimeException e) {
      throw Errors.fromDatabase(e) ? errors.map(e, what, ctx) : e;
    }
  }

  /**
   * Locks the rows it changes ({@code SELECT … FOR UPDATE}; SQLite: the file's write lock, {@code
   * BEGIN IMMEDIATE}); see {@link Retries} for conflicts.
   */
  @Override
  public <T extends @Nullable Object> T write(Context ctx, String namespace, WriteWork<T> work) {
    String what = Errors.describe("write", namespace);
    if (group != null) {
      return writeInGroup(ctx, namespace, work, what);
    }
    for (int attempt = 1; ; attempt++) {
      ContainerWrites writes = null;
      try (Handle h = deadlines.open(ctx, what)) {
        ContainerWrites w = new ContainerWrites(Session.of(h), namespace, errors, dialect);
        writes = w;
        T committed = transactions.write(h, ctx, writeIsolation,
            () -> beforeDeadline(ctx, what, work, w));
        log.committed();
        db.afterCommit(h.getConnection(), what);
        return committed;
      } catch (StoreException e) {
        throw e;
      } catch (RuntimeException e) {
        retries.afterFailure(e, attempt, ctx, what, writes);
      }
    }
  }

  /**
   * Runs the work; a deadline that passed meanwhile rolls it back rather than committing what the
   * caller has given up on.
   */
  private static <T extends @Nullable Object> T beforeDeadline(Context ctx, String what,
      WriteWork<T> work, ContainerWrites w) {
    T result = work.run(w);
    if (ctx.isExpired()) {
      throw new DeadlineExceededException(what + ": deadline " + ctx.deadline()
          + " passed before commit; rolled back");
    }
    return result;
  }

  /** SQLite: the write shares one commit with this store's concurrent writes ({@link GroupCommit}). */
  private <T extends @Nullable Object> T writeInGroup(Context ctx, String namespace,
      WriteWork<T> work, String what) {
    GroupCommit g = java.util.Objects.requireNonNull(group);
    for (int attempt = 1; ; attempt++) {
      ContainerWrites[] writes = new ContainerWrites[1];
      try {
        T committed = g.write(ctx, what, s -> {
          ContainerWrites w = new ContainerWrites(s, namespace, errors, dialect);
          writes[0] = w;
          return beforeDeadline(ctx, what, work, w);
        });
        log.committed();
        return committed;
      } catch (StoreException e) {
        throw e;
      } catch (RuntimeException e) {
        retries.afterFailure(e, attempt, ctx, what, writes[0]);
      }
    }
  }

  @Override
  public @Nullable Container get(Context ctx, String namespace, String id) {
    return pointReads.get(ctx, namespace, id);
  }

  @Override
  public Stream<Container> stream(Context ctx, String namespace, Filter filter) {
    Pushdown p = Pushdown.of(filter);
    if (p.kind() == Pushdown.Kind.NONE) {
      return Stream.empty();
    }
    return Pages.stream(deadlines, errors, ctx, namespace, p);
  }

  /** Namespaces holding a container, in byte order (ns is a binary column): one seek each. */
  @Override
  public List<String> namespaces(Context ctx) {
    String what = "list namespaces";
    try (Handle h = deadlines.open(ctx, what)) {
      List<String> out = new ArrayList<>();
      byte[] after = Sql.BEFORE_ALL_IDS;
      while (true) {
        Optional<byte[]> next = h.createQuery(Sql.NEXT_NAMESPACE).bind("after", after)
            .mapTo(byte[].class).findFirst();
        if (next.isEmpty()) {
          return out;
        }
        after = next.get();
        out.add(Codec.string(after));
      }
    } catch (RuntimeException e) {
      throw Errors.fromDatabase(e) ? errors.map(e, what, ctx) : e;
    }
  }

  /** SQLite's group commit, or null on other databases (for tests). */
  @Nullable GroupCommit groupCommit() {
    return group;
  }

  /** The H2 file discipline in force, or null (for tests). */
  @Nullable H2Durability h2() {
    return db.h2();
  }

  @Override
  public void close() {
    try {
      log.close();
    } finally {
      db.close();
    }
  }
}
