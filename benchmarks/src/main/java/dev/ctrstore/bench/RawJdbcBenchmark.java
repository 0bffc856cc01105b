package dev.ctrstore.bench;

import dev.ctrstore.bench.Fixtures.Backend;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The baseline of {@code get}: a raw JDBC primary-key lookup of one container row on the same
 * database as the store, with no pool, no transaction (autocommit) and no JDBI: one connection
 * held open, one {@link PreparedStatement} prepared once and reused, every column read.
 */
@State(Scope.Benchmark)
public class RawJdbcBenchmark {
  @Param({"h2", "mariadb"})
  public String backend;

  @Param({"1000", "10000", "100000"})
  public int n;

  Connection connection;
  PreparedStatement lookup;
  byte[] ns;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    Backend b = Backend.of(backend);
    Fixtures.openLoaded(b, n).close(); // loads the fixture if it is not there yet
    connection = Fixtures.connect(b, n);
    connection.setAutoCommit(true);
    lookup = connection.prepareStatement("SELECT id, image, runtime_name,"
        + " runtime_options_type_url, runtime_options_value, spec_type_url, spec_value,"
        + " snapshotter, snapshot_key, sandbox_id, labels, extensions, created_at, updated_at"
        + " FROM ctr_container WHERE ns = ? AND id = ?");
    ns = Fixtures.NS.getBytes(StandardCharsets.UTF_8);
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    lookup.close();
    connection.close();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void rawGet(Blackhole bh) throws SQLException {
    String id = Fixtures.id(ThreadLocalRandom.current().nextInt(n));
    lookup.setBytes(1, ns);
    lookup.setBytes(2, id.getBytes(StandardCharsets.UTF_8));
    try (ResultSet rs = lookup.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("no row " + id);
      }
      for (int col = 1; col <= 12; col++) {
        bh.consume(rs.getBytes(col));
      }
      bh.consume(rs.getLong(13));
      bh.consume(rs.getLong(14));
    }
  }
}
