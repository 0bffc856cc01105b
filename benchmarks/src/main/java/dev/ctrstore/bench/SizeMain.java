package dev.ctrstore.bench;

import dev.ctrstore.Store;
import dev.ctrstore.jdbc.JdbcStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The MariaDB/MySQL size breakdown of docs/benchmarks.md: loads N {@link Fixtures} containers
 * through the store into a fresh database {@code ctrstore_size_n<N>} with T threads, then prints
 * each index's size (InnoDB's persistent statistics after {@code ANALYZE TABLE}), each table's
 * data, index and free bytes, and the files in the server's data directory (when this process
 * can read it); with {@code --rebuild}, the same again after {@code OPTIMIZE TABLE}. Drops the
 * database at the end unless {@code --keep}.
 *
 * <pre>java -cp &lt;benchmarks classpath&gt; dev.ctrstore.bench.SizeMain 100000 8 [--rebuild] [--keep]</pre>
 */
public final class SizeMain {
  private SizeMain() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Fixtures.LOAD_THREADS;
    boolean rebuild = java.util.List.of(args).contains("--rebuild");
    boolean keep = java.util.List.of(args).contains("--keep");
    String db = "ctrstore_size_n" + n;
    String server = Fixtures.mysqlServer();
    String user = "?user=" + Fixtures.mysqlUser();
    try (Connection c = DriverManager.getConnection(server + user); Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS `" + db + "`");
      st.execute("CREATE DATABASE `" + db + "`");
    }
    try {
      long t0 = System.nanoTime();
      try (Store s = JdbcStores.open(server + db + user)) {
        Fixtures.load(s, 0, n, threads);
      }
      System.out.printf(Locale.ROOT, "%,d containers loaded through the store by %d threads in %.1f s%n",
          n, threads, (System.nanoTime() - t0) / 1e9);
      try (Connection c = DriverManager.getConnection(server + db + user)) {
        report(c, db);
        if (rebuild) {
          try (Statement st = c.createStatement()) {
            st.execute("OPTIMIZE TABLE ctr_container, ctr_label");
          }
          System.out.println("after OPTIMIZE TABLE:");
          report(c, db);
        }
      }
    } finally {
      if (!keep) {
        try (Connection c = DriverManager.getConnection(server + user); Statement st = c.createStatement()) {
          st.execute("DROP DATABASE IF EXISTS `" + db + "`");
        }
      }
    }
  }

  static void report(Connection c, String db) throws SQLException, IOException {
    try (Statement st = c.createStatement()) {
      st.execute("ANALYZE TABLE ctr_container, ctr_label");
      System.out.println("  index                                  pages   leaf pages   MB (pages x page size)");
      try (ResultSet rs = st.executeQuery("SELECT s.table_name, s.index_name,"
          + " MAX(CASE WHEN s.stat_name = 'size' THEN s.stat_value END),"
          + " MAX(CASE WHEN s.stat_name = 'n_leaf_pages' THEN s.stat_value END), @@innodb_page_size"
          + " FROM mysql.innodb_index_stats s WHERE s.database_name = DATABASE()"
          + " AND s.table_name LIKE 'ctr\\_%' GROUP BY s.table_name, s.index_name"
          + " ORDER BY s.table_name, s.index_name")) {
        while (rs.next()) {
          System.out.printf(Locale.ROOT, "  %-14s %-22s %8d %12d %10.1f%n", rs.getString(1),
              rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(3) * rs.getLong(5) / 1e6);
        }
      }
      long sum = 0;
      try (ResultSet rs = st.executeQuery("SELECT table_name, data_length, index_length, data_free"
          + " FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name")) {
        while (rs.next()) {
          sum += rs.getLong(2) + rs.getLong(3);
          System.out.printf(Locale.ROOT, "  %-26s data %7.1f MB  index %6.1f MB  free %5.1f MB%n",
              rs.getString(1), rs.getLong(2) / 1e6, rs.getLong(3) / 1e6, rs.getLong(4) / 1e6);
        }
      }
      System.out.printf(Locale.ROOT, "  data + index: %.1f MB%n", sum / 1e6);
      String datadir;
      try (ResultSet rs = st.executeQuery("SELECT @@datadir")) {
        rs.next();
        datadir = rs.getString(1);
      }
      Path dir = Paths.get(datadir, db);
      if (!Files.isReadable(dir)) {
        System.out.println("  (" + dir + " is not readable: no file sizes)");
        return;
      }
      long total = 0;
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.sorted().toList()) {
          long size = Files.size(p);
          total += size;
          if (p.getFileName().toString().endsWith(".ibd")) {
            System.out.printf(Locale.ROOT, "  %-34s %7.1f MB%n", p.getFileName(), size / 1e6);
          }
        }
      }
      System.out.printf(Locale.ROOT, "  files of the database: %.1f MB%n", total / 1e6);
    }
  }
}
