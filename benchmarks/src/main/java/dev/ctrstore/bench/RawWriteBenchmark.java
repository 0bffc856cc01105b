package dev.ctrstore.bench;

import dev.ctrstore.bench.Fixtures.Backend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baselines of {@code create}, {@code update} and {@code delete}: the same rows written by
 * hand over raw JDBC, in one transaction each and at the store's durability, on the same
 * database — what the database itself costs, with no pool, no JDBI, no validation, no encoding
 * and no hashing in the timed part. One connection held open with autocommit off (so no
 * {@code SET autocommit} round trips), statements prepared once. Each transaction is committed
 * and, on H2, followed by an fsync of H2's file, as the store does after every commit (MariaDB
 * flushes its redo log at commit by itself with {@code innodb_flush_log_at_trx_commit=1}). The
 * raw H2 connection has no housekeeping: its file grows, the store's does not. SQLite: the
 * connection has the backend's settings (WAL, {@code synchronous=FULL}, so the commit fsyncs the
 * log) and begins each transaction IMMEDIATE; the row is read without {@code FOR UPDATE}, which
 * SQLite has no need of (the transaction holds the file's write lock). One connection per JMH
 * thread ({@code Scope.Thread}): with {@code -t 8} the database sees eight raw writers, which on
 * SQLite queue in its busy handler (the store queues its own in Java first).
 *
 * <p>With {@code log=true} (the default) each transaction also writes what the store's does
 * besides the container: the namespace's revision counter incremented and an event row
 * repeating the container ({@link RawLogRows}), so store and baseline write the same rows;
 * {@code -p log=false} gives the container rows alone (the baseline before issue #14 asked for
 * the same rows).
 *
 * <ul>
 *   <li>rawCreate: the container row and its 3 label rows (one batch), commit.
 *   <li>rawUpdate: the row read {@code FOR UPDATE}, the row written back with the new {@code x},
 *       the old label row of {@code x} deleted and the new one inserted, commit.
 *   <li>rawDelete: the row and its 3 label rows deleted, commit.
 * </ul>
 */
@State(Scope.Thread)
public class RawWriteBenchmark {
  @Param({"h2", "mariadb", "sqlite"})
  public String backend;

  @Param({"1000", "10000", "100000"})
  public int n;

  /** Whether each transaction also writes the revision counter and the event row. */
  @Param({"true"})
  public boolean log;

  RawLogRows logRows;

  Connection c;
  boolean h2;
  boolean sqlite;
  java.sql.Statement bracket;
  byte[] ns;
  byte[] spec;
  PreparedStatement insertRow;
  PreparedStatement insertLabel;
  PreparedStatement lockRow;
  PreparedStatement updateRow;
  PreparedStatement deleteLabel;
  PreparedStatement deleteRow;
  org.h2.mvstore.FileStore<?> h2File;
  long counter;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    Backend b = Backend.of(backend);
    Fixtures.openLoaded(b, n).close(); // loads the fixture if it is not there yet
    h2 = b == Backend.H2;
    sqlite = b == Backend.SQLITE;
    c = Fixtures.connect(b, n);
    // SQLite: autocommit stays on and each transaction is bracketed by BEGIN IMMEDIATE / COMMIT,
    // as the store does (with autocommit off sqlite-jdbc would begin the next transaction at
    // each commit, holding the file's write lock between transactions).
    c.setAutoCommit(sqlite);
    ns = utf8(Fixtures.NS);
    spec = Fixtures.spec(7).getValue().toByteArray();
    insertRow = c.prepareStatement("INSERT INTO ctr_container (ns, id, image, image_hash,"
        + " runtime_name, runtime_hash, runtime_options_type_url, runtime_options_value,"
        + " spec_type_url, spec_value, snapshotter, snapshot_key, sandbox_id, labels, extensions,"
        + " created_at, updated_at, revision)"
        + " VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insertLabel = c.prepareStatement("INSERT INTO ctr_label (ns, key_hash, value_hash, id)"
        + " VALUES (?, ?, ?, ?)");
    lockRow = c.prepareStatement("SELECT labels FROM ctr_container WHERE ns = ? AND id = ?"
        + (b == Backend.SQLITE ? "" : " FOR UPDATE"));
    updateRow = c.prepareStatement("UPDATE ctr_container SET labels = ?, updated_at = ?,"
        + " revision = ? WHERE ns = ? AND id = ?");
    deleteLabel = c.prepareStatement("DELETE FROM ctr_label"
        + " WHERE ns = ? AND key_hash = ? AND value_hash = ? AND id = ?");
    deleteRow = c.prepareStatement("DELETE FROM ctr_container WHERE ns = ? AND id = ?");
    bracket = c.createStatement();
    if (log) {
      logRows = new RawLogRows(c, b, ns);
    }
    if (h2) {
      h2File = ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession())
          .getDatabase().getStore().getMvStore().getFileStore();
    }
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    if (!sqlite) {
      c.rollback();
    }
    c.close();
  }

  /** Opens a transaction where autocommit is on (SQLite); elsewhere one is always open. */
  private void begin() throws SQLException {
    if (sqlite) {
      bracket.execute("BEGIN IMMEDIATE");
    }
  }

  private void commit() throws SQLException {
    if (sqlite) {
      bracket.execute("COMMIT");
      return;
    }
    c.commit();
    if (h2File != null) {
      h2File.sync(); // what the store does after each commit (H2Durability): fsync the file
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The schema's hash: the first 8 bytes of SHA-256. */
  static byte[] hash(String s) {
    try {
      return java.util.Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(utf8(s)), 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A prepared row: every value computed before the timed part. */
  record Row(byte[] id, byte[][] labelKeyHashes, byte[][] labelValueHashes) {
    static Row of(String id, int i) {
      String[][] labels = {{"grp", Integer.toString(i % 100)}, {"x", Integer.toString(i)},
          {"k" + (i % 100), "v"}};
      byte[][] kh = new byte[3][];
      byte[][] vh = new byte[3][];
      for (int j = 0; j < 3; j++) {
        kh[j] = hash(labels[j][0]);
        vh[j] = hash(labels[j][1]);
      }
      return new Row(utf8(id), kh, vh);
    }
  }

  private static final byte[] IMAGE = utf8("docker.io/library/redis:7.2");
  private static final byte[] IMAGE_HASH = hash("docker.io/library/redis:7.2");
  private static final byte[] RUNTIME = utf8("io.containerd.runc.v2");
  private static final byte[] RUNTIME_HASH = hash("io.containerd.runc.v2");
  private static final byte[] SPEC_TYPE = utf8(Fixtures.SPEC_TYPE);
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] LABELS;

  static {
    try {
      LABELS = encode(java.util.Map.of("grp", "1", "x", "1", "k1", "v"));
    } catch (java.io.IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The transaction's revision, or 0 without the log rows. */
  private long revision() throws SQLException {
    return logRows == null ? 0 : logRows.nextRevision();
  }

  private static final byte[] SNAPSHOTTER = utf8("overlayfs");

  private void event(long revision, int type, byte[] id, byte[] labels, long updatedAt)
      throws SQLException {
    if (logRows != null) {
      logRows.append(revision, type, id, IMAGE, RUNTIME, SPEC_TYPE, spec, SNAPSHOTTER, labels,
          updatedAt);
    }
  }

  void insert(Row r) throws SQLException {
    begin();
    long rev = revision();
    insertRow.setBytes(1, ns);
    insertRow.setBytes(2, r.id());
    insertRow.setBytes(3, IMAGE);
    insertRow.setBytes(4, IMAGE_HASH);
    insertRow.setBytes(5, RUNTIME);
    insertRow.setBytes(6, RUNTIME_HASH);
    insertRow.setBytes(7, SPEC_TYPE);
    insertRow.setBytes(8, spec);
    insertRow.setBytes(9, utf8("overlayfs"));
    insertRow.setBytes(10, r.id());
    insertRow.setBytes(11, EMPTY);
    insertRow.setBytes(12, LABELS);
    insertRow.setBytes(13, EMPTY);
    insertRow.setLong(14, 1L);
    insertRow.setLong(15, 1L);
    insertRow.setLong(16, rev);
    insertRow.executeUpdate();
    labelRows(insertLabel, r);
    event(rev, RawLogRows.CREATED, r.id(), LABELS, 1L);
    commit();
  }

  /** The row's 3 label rows through {@code ps}, one batch. */
  private void labelRows(PreparedStatement ps, Row r) throws SQLException {
    for (int j = 0; j < 3; j++) {
      labelRow(ps, r.labelKeyHashes()[j], r.labelValueHashes()[j], r.id());
      ps.addBatch();
    }
    ps.executeBatch();
  }

  private void labelRow(PreparedStatement ps, byte[] keyHash, byte[] valueHash, byte[] id)
      throws SQLException {
    ps.setBytes(1, ns);
    ps.setBytes(2, keyHash);
    ps.setBytes(3, valueHash);
    ps.setBytes(4, id);
  }

  /** The row and its label rows (known to the caller, as the store knows them from the record). */
  void delete(Row r) throws SQLException {
    begin();
    long rev = revision();
    deleteRow.setBytes(1, ns);
    deleteRow.setBytes(2, r.id());
    deleteRow.executeUpdate();
    labelRows(deleteLabel, r);
    event(rev, RawLogRows.DELETED, r.id(), LABELS, 1L);
    commit();
  }

  /** {@link StoreBenchmark#BATCH} new rows, inserted in the timed part and deleted after it. */
  @State(Scope.Thread)
  public static class NewRows {
    static final java.util.concurrent.atomic.AtomicInteger ROUND = new java.util.concurrent.atomic.AtomicInteger();
    final List<Row> rows = new ArrayList<>();

    @Setup(Level.Iteration)
    public void prepare() {
      rows.clear();
      int r = ROUND.incrementAndGet(); // one per thread and iteration (JMH -t N)
      for (int k = 0; k < StoreBenchmark.BATCH; k++) {
        rows.add(Row.of("rawnew-" + ProcessHandle.current().pid() + "-" + r + "-" + k, k));
      }
    }

    @TearDown(Level.Iteration)
    public void remove(RawWriteBenchmark b) throws SQLException {
      for (Row row : rows) {
        b.delete(row);
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(StoreBenchmark.BATCH)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void rawCreate(NewRows s) throws SQLException {
    for (Row r : s.rows) {
      insert(r);
    }
  }

  /** {@link StoreBenchmark#BATCH} rows inserted before the timed part, which deletes them. */
  @State(Scope.Thread)
  public static class OldRows {
    static final java.util.concurrent.atomic.AtomicInteger ROUND = new java.util.concurrent.atomic.AtomicInteger();
    final List<Row> rows = new ArrayList<>();

    @Setup(Level.Iteration)
    public void prepare(RawWriteBenchmark b) throws SQLException {
      rows.clear();
      int r = ROUND.incrementAndGet(); // one per thread and iteration (JMH -t N)
      for (int k = 0; k < StoreBenchmark.BATCH; k++) {
        Row row = Row.of("rawold-" + ProcessHandle.current().pid() + "-" + r + "-" + k, k);
        b.insert(row);
        rows.add(row);
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(StoreBenchmark.BATCH)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void rawDelete(OldRows s) throws SQLException {
    for (Row r : s.rows) {
      delete(r);
    }
  }

  private static final byte[] X_HASH = hash("x");

  /**
   * As the store: the record read {@code FOR UPDATE}, its labels decoded to find the old value of
   * {@code x}, the record written back with the new value, the old label row replaced.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void rawUpdate() throws SQLException, java.io.IOException {
    byte[] id = utf8(Fixtures.id(ThreadLocalRandom.current().nextInt(n)));
    begin();
    lockRow.setBytes(1, ns);
    lockRow.setBytes(2, id);
    java.util.TreeMap<String, String> labels;
    try (ResultSet rs = lockRow.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("no row");
      }
      labels = decode(rs.getBytes(1));
    }
    long rev = revision();
    String old = labels.get("x");
    String value = "r" + (++counter);
    labels.put("x", value);
    byte[] encoded = encode(labels);
    updateRow.setBytes(1, encoded);
    updateRow.setLong(2, counter);
    updateRow.setLong(3, rev);
    updateRow.setBytes(4, ns);
    updateRow.setBytes(5, id);
    updateRow.executeUpdate();
    if (old != null) {
      labelRow(deleteLabel, X_HASH, hash(old), id);
      deleteLabel.executeUpdate();
    }
    labelRow(insertLabel, X_HASH, hash(value), id);
    insertLabel.executeUpdate();
    event(rev, RawLogRows.UPDATED, id, encoded, counter);
    commit();
  }

  /** protobuf map<string, string>: repeated entries (1: key, 2: value). */
  static java.util.TreeMap<String, String> decode(byte[] bytes) throws java.io.IOException {
    java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
    com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(bytes);
    while (!in.isAtEnd()) {
      in.readTag();
      com.google.protobuf.CodedInputStream e = in.readBytes().newCodedInput();
      String k = "";
      String v = "";
      for (int tag = e.readTag(); tag != 0; tag = e.readTag()) {
        if (tag >>> 3 == 1) {
          k = e.readStringRequireUtf8();
        } else {
          v = e.readStringRequireUtf8();
        }
      }
      out.put(k, v);
    }
    return out;
  }

  static byte[] encode(java.util.Map<String, String> labels) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    com.google.protobuf.CodedOutputStream out = com.google.protobuf.CodedOutputStream.newInstance(bytes);
    for (java.util.Map.Entry<String, String> en : labels.entrySet()) {
      int size = com.google.protobuf.CodedOutputStream.computeStringSize(1, en.getKey())
          + com.google.protobuf.CodedOutputStream.computeStringSize(2, en.getValue());
      out.writeTag(1, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(size);
      out.writeString(1, en.getKey());
      out.writeString(2, en.getValue());
    }
    out.flush();
    return bytes.toByteArray();
  }
}
