package dev.ctrstore.bench;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.RuntimeInfo;
import dev.ctrstore.Store;
import dev.ctrstore.jdbc.JdbcStores;
import dev.ctrstore.memory.MemoryStoreProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The data set of every benchmark and how each backend is opened on it.
 *
 * <p>Container {@code i} of N has id {@code c%07d}, image, runtime, snapshotter, snapshot key,
 * a 1 KiB spec (seeded pseudo-random printable bytes, so no backend gets a compression bonus)
 * and three labels: {@code grp=i%100} (so {@code labels.grp==7} selects 1%), {@code x=<i>}
 * (the label the update benchmark rewrites) and {@code k<i%100>=v} (so presence of
 * {@code labels.k7} selects 1%). All in namespace {@value #NS}.
 *
 * <p>Fixtures of the JDBC backends persist between JMH forks (an H2 file per N under
 * {@code bench.dir}, a MariaDB database {@code ctrstore_bench_n<N>} per N) and are loaded once,
 * through the store ({@link Store#create}, one durable transaction each), by
 * {@value #LOAD_THREADS} threads. The memory backend is loaded in each fork.
 */
public final class Fixtures {
  private Fixtures() {}

  public static final String NS = "bench";
  public static final Context CTX = Context.withNamespace(NS);
  public static final int SPEC_BYTES = 1024;
  public static final String SPEC_TYPE = "types.containerd.io/opencontainers/runtime-spec/1/Spec";
  static final int LOAD_THREADS = 8;

  /** The three backends measured. */
  public enum Backend {
    MEMORY, H2, MARIADB, SQLITE;

    public static Backend of(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean jdbc() {
      return this != MEMORY;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Data

  public static String id(int i) {
    // Not String.format: at ~1 µs a call it would dominate the get benchmarks it feeds.
    char[] buf = {'c', '0', '0', '0', '0', '0', '0', '0'};
    for (int p = 7, v = i; p >= 1 && v > 0; p--, v /= 10) {
      buf[p] = (char) ('0' + v % 10);
    }
    return new String(buf);
  }

  public static Any spec(long seed) {
    return spec(seed, SPEC_BYTES);
  }

  public static Any spec(long seed, int bytes) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] b = new byte[bytes];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) (' ' + r.nextInt(95));
    }
    return Any.newBuilder().setTypeUrl(SPEC_TYPE).setValue(ByteString.copyFrom(b)).build();
  }

  public static Container container(String id, int i) {
    return Container.builder()
        .id(id)
        .image("docker.io/library/redis:7.2")
        .runtime(new RuntimeInfo("io.containerd.runc.v2", null))
        .spec(spec(i))
        .snapshotter("overlayfs")
        .snapshotKey(id)
        .label("grp", Integer.toString(i % 100))
        .label("x", Integer.toString(i))
        .label("k" + (i % 100), "v")
        .build();
  }

  public static Container container(int i) {
    return container(id(i), i);
  }

  // ---------------------------------------------------------------------------------------
  // Where the JDBC fixtures live

  public static Path dataDir() {
    return Paths.get(System.getProperty("bench.dir", "target/bench-data")).toAbsolutePath();
  }

  /** The URL of an empty H2 file {@code name} in the data folder (deleted first), with {@code options}. */
  static String freshH2File(String name, String options) {
    Path dir = dataDir().resolve(name);
    deleteTree(dir);
    return "jdbc:h2:file:" + dir.resolve("ctrstore") + options;
  }

  /**
   * The URL of an empty SQLite file {@code name} in the data folder (deleted first); the backend
   * gives it the dialect's durability (WAL, synchronous=FULL).
   */
  static String freshSqliteFile(String name) {
    Path dir = dataDir().resolve(name);
    deleteTree(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "jdbc:sqlite:" + dir.resolve("ctrstore.db");
  }

  /** The URL of an empty MariaDB database {@code db} on the bench server (dropped first). */
  static String freshMysqlDatabase(String db) {
    try (Connection c = DriverManager.getConnection(mysqlServer() + "?user=" + mysqlUser());
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS `" + db + "`");
      st.execute("CREATE DATABASE `" + db + "`");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return mysqlServer() + db + "?user=" + mysqlUser();
  }

  /** The server part of the MySQL-protocol URL, without a database: {@code jdbc:mysql://host:port/}. */
  public static String mysqlServer() {
    return System.getProperty("bench.mysql.server", "jdbc:mysql://127.0.0.1:3306/");
  }

  public static String mysqlUser() {
    return System.getProperty("bench.mysql.user", "root");
  }

  /** The fixture database of size n: {@code bench.mysql.prefix} (default ctrstore_bench_n) + n. */
  public static String database(int n) {
    return System.getProperty("bench.mysql.prefix", "ctrstore_bench_n") + n;
  }

  public static Path h2Dir(int n) {
    return dataDir().resolve("h2-n" + n);
  }

  public static Path sqliteDir(int n) {
    return dataDir().resolve("sqlite-n" + n);
  }

  /**
   * The URL the store and the raw baseline use; H2 with the backend's default durability
   * (WRITE_DELAY=0); SQLite gets the dialect's (WAL, synchronous=FULL) from the backend, and
   * {@link #connect} gives the raw baseline the same.
   */
  public static String url(Backend b, int n) {
    return switch (b) {
      case H2 -> "jdbc:h2:file:" + h2Dir(n).resolve("ctrstore") + ";WRITE_DELAY=0";
      case SQLITE -> "jdbc:sqlite:" + sqliteDir(n).resolve("ctrstore.db");
      case MARIADB -> mysqlServer() + database(n) + "?user=" + mysqlUser();
      case MEMORY -> throw new IllegalArgumentException("memory has no URL");
    };
  }

  /**
   * A plain connection to the fixture. SQLite: at the backend's durability (WAL,
   * synchronous=FULL, 10 s busy timeout); the caller opens its write transactions with {@code
   * BEGIN IMMEDIATE}, as the backend's writers do.
   */
  public static Connection connect(Backend b, int n) throws SQLException {
    if (b == Backend.SQLITE) {
      java.util.Properties p = new java.util.Properties();
      p.setProperty("journal_mode", "WAL");
      p.setProperty("synchronous", "FULL");
      p.setProperty("busy_timeout", "10000");
      return DriverManager.getConnection(url(b, n), p);
    }
    return DriverManager.getConnection(url(b, n));
  }

  // ---------------------------------------------------------------------------------------
  // Opening a loaded store

  /** A store of backend {@code b} holding exactly containers 0..n-1 in {@link #NS}. */
  public static Store openLoaded(Backend b, int n) {
    if (b == Backend.MEMORY) {
      Store s = MemoryStoreProvider.openStore();
      load(s, 0, n, 1);
      return s;
    }
    if (b == Backend.MARIADB) {
      createDatabase(n);
    }
    if (b == Backend.SQLITE) {
      try {
        Files.createDirectories(sqliteDir(n)); // the backend would; the count below comes first
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Store s = JdbcStores.open(url(b, n));
    try {
      long have = count(b, n);
      if (have != n) {
        if (have != 0) {
          wipe(b, n);
        }
        long t0 = System.nanoTime();
        load(s, 0, n, LOAD_THREADS);
        System.out.printf(Locale.ROOT, "# fixture %s N=%d loaded through the store in %.1f s%n",
            b.label(), n, (System.nanoTime() - t0) / 1e9);
      }
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Creates containers from..to-1 through the store with {@code threads} threads. */
  public static void load(Store s, int from, int to, int threads) {
    if (threads <= 1) {
      for (int i = from; i < to; i++) {
        s.create(CTX, container(i));
      }
      return;
    }
    AtomicInteger next = new AtomicInteger(from);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        fs.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
            s.create(CTX, container(i));
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("loading the fixture", e);
    } finally {
      pool.shutdownNow();
    }
  }

  static long count(Backend b, int n) {
    try (Connection c = connect(b, n);
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ctr_container WHERE ns = ?")) {
      ps.setBytes(1, NS.getBytes(StandardCharsets.UTF_8));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void wipe(Backend b, int n) {
    try (Connection c = connect(b, n); Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM ctr_label");
      st.executeUpdate("DELETE FROM ctr_container");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void createDatabase(int n) {
    try (Connection c = DriverManager.getConnection(mysqlServer() + "?user=" + mysqlUser());
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE IF NOT EXISTS `" + database(n) + "`");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Removes the fixture of backend {@code b} at {@code n}: drops the database or deletes the files. */
  public static void drop(Backend b, int n) {
    if (b == Backend.MARIADB) {
      try (Connection c = DriverManager.getConnection(mysqlServer() + "?user=" + mysqlUser());
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS `" + database(n) + "`");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    } else if (b == Backend.H2) {
      deleteTree(h2Dir(n));
    } else if (b == Backend.SQLITE) {
      deleteTree(sqliteDir(n));
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Size on disk

  /** Bytes on disk of the fixture (the store must be closed for H2 so its file is compacted). */
  public static long sizeOnDisk(Backend b, int n) {
    try {
      if (b == Backend.H2 || b == Backend.SQLITE) {
        long total = 0;
        try (Stream<Path> s = Files.list(b == Backend.H2 ? h2Dir(n) : sqliteDir(n))) {
          for (Path p : s.toList()) {
            total += Files.size(p);
          }
        }
        return total;
      }
      if (b == Backend.MARIADB) {
        String datadir;
        try (Connection c = DriverManager.getConnection(mysqlServer() + "?user=" + mysqlUser());
            Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT @@datadir")) {
          rs.next();
          datadir = rs.getString(1);
        }
        Path dir = Paths.get(datadir, database(n));
        if (!Files.isReadable(dir)) {
          return -1;
        }
        long total = 0;
        try (Stream<Path> s = Files.list(dir)) {
          for (Path p : s.toList()) {
            total += Files.size(p);
          }
        }
        return total;
      }
      return -1;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** data_length + index_length of the fixture's tables (MariaDB, after ANALYZE TABLE). */
  public static long innodbSize(int n) {
    try (Connection c = connect(Backend.MARIADB, n); Statement st = c.createStatement()) {
      st.execute("ANALYZE TABLE ctr_container, ctr_label");
      try (ResultSet rs = st.executeQuery("SELECT SUM(data_length + index_length) FROM"
          + " information_schema.tables WHERE table_schema = DATABASE()")) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
