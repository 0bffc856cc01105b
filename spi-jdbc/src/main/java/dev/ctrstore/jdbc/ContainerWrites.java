package dev.ctrstore.jdbc;

import dev.ctrstore.Container;
import dev.ctrstore.Event;
import dev.ctrstore.spi.Storage;
import org.jspecify.annotations.Nullable;

/**
 * The reads and writes of one write transaction in one namespace: the container row, then its
 * label rows ({@link LabelRows}), which only serve filter push-down; the namespace's revision
 * counter ({@link Revisions}) and its change log ({@link EventRows}).
 */
final class ContainerWrites extends ContainerReads implements Storage.Writer {
  private final Errors errors;
  private final Dialect dialect;
  private final String namespace;
  // The container the work last touched and how, for a message if the transaction fails.
  private @Nullable String operation;
  private @Nullable String id;
  // What getForUpdate last read (and locked), so a delete that follows needs no second read.
  private @Nullable Container locked;
  // The columns of the container last written, which its change-log row repeats.
  private ContainerRows.@Nullable Fields written;

  ContainerWrites(Session h, String namespace, Errors errors, Dialect dialect) {
    super(h, namespace);
    this.namespace = namespace;
    this.errors = errors;
    this.dialect = dialect;
  }

  /** The write as far as the work got, e.g. {@code update of container "x" in namespace "y"}. */
  String describe(String fallback) {
    return operation == null || id == null ? fallback : Errors.describe(operation, id, namespace);
  }

  private void touching(String operation, String id) {
    this.operation = operation;
    this.id = id;
  }

  @Override
  public @Nullable Container getForUpdate(String id) {
    touching("update", id);
    Container c = read(dialect.locksRowsWithForUpdate() ? Sql.GET_FOR_UPDATE : Sql.GET, id);
    locked = c;
    return c;
  }

  /**
   * A plain INSERT: the primary key decides between concurrent creators (the losers wait for
   * the winner's commit and then get a duplicate-key error). A failed statement leaves the
   * transaction usable on H2 and MySQL, so nothing else is needed to "write nothing".
   */
  @Override
  public boolean insert(Container c) {
    touching("create", c.id());
    locked = null;
    ContainerRows.Fields fields = new ContainerRows.Fields(c);
    written = fields;
    try (Call insert = Call.of(h, Sql.INSERT)) {
      ContainerRows.bind(insert, ns, fields).update();
    } catch (Transactions.SqlFailure e) {
      if (errors.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
    LabelRows.insert(h, ns, fields.id, LabelRow.of(c.labels()));
    return true;
  }

  @Override
  public void replace(Container previous, Container next) {
    touching("update", next.id());
    locked = null;
    ContainerRows.Fields fields = new ContainerRows.Fields(next);
    written = fields;
    int n;
    try (Call update = Call.of(h, Sql.UPDATE)) {
      n = ContainerRows.bind(update, ns, fields).update();
    }
    if (n != 1) {
      throw new IllegalStateException("container " + next.id() + " vanished while locked");
    }
    LabelRows.apply(h, ns, fields.id,
        LabelChanges.between(LabelRow.of(previous.labels()), LabelRow.of(next.labels())));
  }

  @Override
  public boolean delete(String id) {
    touching("delete", id);
    byte[] key = Codec.utf8(id);
    Container read = locked;
    locked = null;
    if (read != null && read.id().equals(id)) {
      // Read and locked by getForUpdate in this transaction (the engine's delete does so).
      deleteRow(key);
      LabelRows.delete(h, ns, key, LabelRow.of(read.labels()));
      return true;
    }
    // ctr_label is keyed by label, not by container, so its rows are found from the labels.
    byte[] labels;
    try (Call c = Call.of(h, dialect.locksRowsWithForUpdate() ? Sql.LABELS_FOR_UPDATE : Sql.LABELS)) {
      labels = c.bytes("ns", ns).bytes("id", key).first(rs -> rs.getBytes(1));
    }
    if (labels == null) {
      return false;
    }
    deleteRow(key);
    LabelRows.delete(h, ns, key, LabelRow.of(Codec.decodeLabels(labels)));
    return true;
  }

  private void deleteRow(byte[] key) {
    try (Call c = Call.of(h, Sql.DELETE)) {
      c.bytes("ns", ns).bytes("id", key).update();
    }
  }

  @Override
  public long nextRevision() {
    return Revisions.next(h, ns, dialect, errors, 1);
  }

  @Override
  public long nextRevisions(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    return Revisions.next(h, ns, dialect, errors, count) - count + 1;
  }

  @Override
  public void giveBackRevisions(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    Revisions.giveBack(h, ns, count);
  }

  @Override
  public void append(Event event) {
    ContainerRows.Fields fields = written;
    written = null;
    EventRows.insert(h, ns, event,
        fields != null && fields.container == event.container()
            ? fields : new ContainerRows.Fields(event.container()));
  }
}
