package dev.ctrstore.bench;

import dev.ctrstore.Store;
import dev.ctrstore.bench.Fixtures.Backend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * and, on H2, followed by {@code CHECKPOINT SYNC} (the store forces every commit to disk; MariaDB
 * flushes its redo log at commit by itself with {@code innodb_flush_log_at_trx_commit=1}).
 *
 * <ul>
 *   <li>rawCreate: the container row and its 3 label rows (one batch), commit.
 *   <li>rawUpdate: the row read {@code FOR UPDATE}, the row and one label row updated, commit.
 *   <li>rawDelete: the row and its label rows deleted, commit.
 * </ul>
 */
@State(Scope.Benchmark)
public class RawWriteBenchmark {
  @Param({"h2", "mariadb"})
  public String backend;

  @Param({"1000", "10000", "100000"})
  public int n;

  Connection c;
  boolean h2;
  byte[] ns;
  byte[] spec;
  PreparedStatement insertRow;
  PreparedStatement insertLabel;
  PreparedStatement lockRow;
  PreparedStatement updateRow;
  PreparedStatement updateLabel;
  PreparedStatement deleteRow;
  PreparedStatement deleteLabels;
  Statement sync;
  long counter;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    Backend b = Backend.of(backend);
    try (Store s = Fixtures.openLoaded(b, n)) {
      // loads the fixture if it is not there yet
    }
    h2 = b == Backend.H2;
    c = Fixtures.connect(b, n);
    c.setAutoCommit(false);
    ns = utf8(Fixtures.NS);
    spec = Fixtures.spec(7).getValue().toByteArray();
    insertRow = c.prepareStatement("INSERT INTO ctr_container (ns, id, image, image_hash,"
        + " runtime_name, runtime_hash, runtime_options_type_url, runtime_options_value,"
        + " spec_type_url, spec_value, snapshotter, snapshot_key, sandbox_id, labels, extensions,"
        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insertLabel = c.prepareStatement("INSERT INTO ctr_label (ns, id, key_hash, value_hash,"
        + " label_key, label_value) VALUES (?, ?, ?, ?, ?, ?)");
    lockRow = c.prepareStatement("SELECT labels FROM ctr_container WHERE ns = ? AND id = ? FOR UPDATE");
    updateRow = c.prepareStatement("UPDATE ctr_container SET labels = ?, updated_at = ? WHERE ns = ? AND id = ?");
    updateLabel = c.prepareStatement("UPDATE ctr_label SET value_hash = ?, label_value = ?"
        + " WHERE ns = ? AND id = ? AND key_hash = ?");
    deleteRow = c.prepareStatement("DELETE FROM ctr_container WHERE ns = ? AND id = ?");
    deleteLabels = c.prepareStatement("DELETE FROM ctr_label WHERE ns = ? AND id = ?");
    sync = c.createStatement();
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    c.rollback();
    c.close();
  }

  private void commit() throws SQLException {
    c.commit();
    if (h2) {
      sync.execute("CHECKPOINT SYNC");
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(utf8(s));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A prepared row: every value computed before the timed part. */
  record Row(byte[] id, byte[][] labelKeys, byte[][] labelKeyHashes, byte[][] labelValues,
      byte[][] labelValueHashes) {
    static Row of(String id, int i) {
      String[][] labels = {{"grp", Integer.toString(i % 100)}, {"x", Integer.toString(i)},
          {"k" + (i % 100), "v"}};
      byte[][] k = new byte[3][];
      byte[][] kh = new byte[3][];
      byte[][] v = new byte[3][];
      byte[][] vh = new byte[3][];
      for (int j = 0; j < 3; j++) {
        k[j] = utf8(labels[j][0]);
        kh[j] = sha256(labels[j][0]);
        v[j] = utf8(labels[j][1]);
        vh[j] = sha256(labels[j][1]);
      }
      return new Row(utf8(id), k, kh, v, vh);
    }
  }

  private static final byte[] IMAGE = utf8("docker.io/library/redis:7.2");
  private static final byte[] IMAGE_HASH = sha256("docker.io/library/redis:7.2");
  private static final byte[] RUNTIME = utf8("io.containerd.runc.v2");
  private static final byte[] RUNTIME_HASH = sha256("io.containerd.runc.v2");
  private static final byte[] SPEC_TYPE = utf8(Fixtures.SPEC_TYPE);
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] LABELS = new byte[40];

  void insert(Row r) throws SQLException {
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
    insertRow.executeUpdate();
    for (int j = 0; j < 3; j++) {
      insertLabel.setBytes(1, ns);
      insertLabel.setBytes(2, r.id());
      insertLabel.setBytes(3, r.labelKeyHashes()[j]);
      insertLabel.setBytes(4, r.labelValueHashes()[j]);
      insertLabel.setBytes(5, r.labelKeys()[j]);
      insertLabel.setBytes(6, r.labelValues()[j]);
      insertLabel.addBatch();
    }
    insertLabel.executeBatch();
    commit();
  }

  void delete(byte[] id) throws SQLException {
    deleteRow.setBytes(1, ns);
    deleteRow.setBytes(2, id);
    deleteRow.executeUpdate();
    deleteLabels.setBytes(1, ns);
    deleteLabels.setBytes(2, id);
    deleteLabels.executeUpdate();
    commit();
  }

  /** {@link StoreBenchmark#BATCH} new rows, inserted in the timed part and deleted after it. */
  @State(Scope.Thread)
  public static class NewRows {
    static int round;
    final List<Row> rows = new ArrayList<>();

    @Setup(Level.Iteration)
    public void prepare() {
      rows.clear();
      int r = ++round;
      for (int k = 0; k < StoreBenchmark.BATCH; k++) {
        rows.add(Row.of("rawnew-" + ProcessHandle.current().pid() + "-" + r + "-" + k, k));
      }
    }

    @TearDown(Level.Iteration)
    public void remove(RawWriteBenchmark b) throws SQLException {
      for (Row row : rows) {
        b.delete(row.id());
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
    static int round;
    final List<Row> rows = new ArrayList<>();

    @Setup(Level.Iteration)
    public void prepare(RawWriteBenchmark b) throws SQLException {
      rows.clear();
      int r = ++round;
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
      delete(r.id());
    }
  }

  private static final byte[] X_HASH = sha256("x");

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void rawUpdate() throws SQLException {
    byte[] id = utf8(Fixtures.id(ThreadLocalRandom.current().nextInt(n)));
    lockRow.setBytes(1, ns);
    lockRow.setBytes(2, id);
    byte[] labels;
    try (ResultSet rs = lockRow.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("no row");
      }
      labels = rs.getBytes(1);
    }
    String value = Long.toString(++counter);
    updateRow.setBytes(1, labels);
    updateRow.setLong(2, counter);
    updateRow.setBytes(3, ns);
    updateRow.setBytes(4, id);
    updateRow.executeUpdate();
    updateLabel.setBytes(1, sha256(value));
    updateLabel.setBytes(2, utf8(value));
    updateLabel.setBytes(3, ns);
    updateLabel.setBytes(4, id);
    updateLabel.setBytes(5, X_HASH);
    updateLabel.executeUpdate();
    commit();
  }
}
