package dev.ctrstore.reliability;

import dev.ctrstore.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * The three-node MariaDB Galera cluster the Galera tests use ({@code .ci/galera.sh}). Its nodes
 * come from the environment variable {@value #URLS_ENV} (or the system property {@value
 * #URLS_PROPERTY}): one server URL per node, separated by spaces, in node order, e.g. {@code
 * jdbc:mysql://127.0.0.1:3311/?user=root jdbc:mysql://127.0.0.1:3312/?user=root …} (what {@code
 * .ci/galera.sh urls} prints). Tests that stop and start nodes run {@value #CONTROL_ENV} (the
 * script; default {@code ../.ci/galera.sh}). Without a cluster the tests are skipped with a loud
 * message, or fail when {@value #REQUIRE_ENV}{@code =true} (as {@code .ci/run} sets).
 */
final class Galera {
  static final String URLS_ENV = "CTRSTORE_TEST_GALERA_URLS";
  static final String URLS_PROPERTY = "ctrstore.test.galera.urls";
  static final String REQUIRE_ENV = "CTRSTORE_REQUIRE_GALERA";
  static final String CONTROL_ENV = "CTRSTORE_TEST_GALERA_CONTROL";
  static final int NODES = 3;

  private Galera() {}

  /** The node server URLs, or an empty list. */
  static List<String> nodeUrls() {
    String v = System.getProperty(URLS_PROPERTY, System.getenv(URLS_ENV));
    if (v == null || v.isBlank()) {
      return List.of();
    }
    return Arrays.stream(v.trim().split("\\s+")).toList();
  }

  static boolean required() {
    String v = System.getenv(REQUIRE_ENV);
    return v != null && v.trim().toLowerCase(Locale.ROOT).equals("true");
  }

  /** Skips the calling test without a cluster; fails it when a cluster is required. */
  static void assume() {
    List<String> urls = nodeUrls();
    if (urls.size() == NODES) {
      return;
    }
    String why = urls.isEmpty() ? "no Galera cluster: set " + URLS_ENV + " (see .ci/galera.sh)"
        : URLS_ENV + " names " + urls.size() + " nodes, not " + NODES;
    if (required()) {
      throw new IllegalStateException(REQUIRE_ENV + "=true but " + why);
    }
    System.err.println("!!! SKIPPING Galera tests: " + why);
    Assumptions.abort(why);
  }

  /** {@code host:port} of node {@code i} (0-based). */
  static String hostPort(int i) {
    String url = nodeUrls().get(i);
    int start = url.indexOf("//") + 2;
    int end = start;
    while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != '?') {
      end++;
    }
    return url.substring(start, end);
  }

  /** The query part of the node URLs ({@code ?user=root}), or "". */
  static String query() {
    String url = nodeUrls().get(0);
    int q = url.indexOf('?');
    return q < 0 ? "" : url.substring(q);
  }

  /** Runs the control script: {@code kill N}, {@code start N}, {@code up} (nodes 1-based). */
  static void control(String... args) {
    String script = System.getenv(CONTROL_ENV);
    Path path = Path.of(script == null || script.isBlank() ? "../.ci/galera.sh" : script);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("no cluster control script at " + path.toAbsolutePath()
          + " (set " + CONTROL_ENV + ")");
    }
    List<String> cmd = new ArrayList<>(List.of("bash", path.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A database created now (on node 1; Galera replicates it), dropped by {@link Db#close()}. */
  static Db freshDatabase() {
    assume();
    String name = "ctrstore_gal_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    Db db = new Db(name);
    db.execute(-1, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    // The other nodes apply the DDL a moment later: wait until each has the database.
    for (int i = 0; i < NODES; i++) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        try (Connection c = DriverManager.getConnection(db.url(i))) {
          break;
        } catch (SQLException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("database " + name + " missing on node " + (i + 1), e);
          }
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
    return db;
  }

  /** One test database on the cluster. */
  static final class Db implements AutoCloseable {
    final String name;

    Db(String name) {
      this.name = name;
    }

    /** This database on node {@code i} (0-based) alone. */
    String url(int i) {
      return "jdbc:mysql://" + hostPort(i) + "/" + name + query();
    }

    /** This database through the multi-host URL a user writes, hosts in the order given (0-based). */
    String multiHostUrl(int... order) {
      return "jdbc:mysql://" + Arrays.stream(order).mapToObj(Galera::hostPort)
          .collect(Collectors.joining(",")) + "/" + name + query();
    }

    /** Runs SQL on node {@code i} (-1: the server without a database, node 1). */
    void execute(int i, String sql) {
      String url = i < 0 ? nodeUrls().get(0) : url(i);
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + " on node " + (i + 1) + ": " + e, e);
      }
    }

    /** The rows of a query on node {@code i}, each as its columns joined by tabs. */
    List<String> rows(int i, String sql) {
      try (Connection c = DriverManager.getConnection(url(i)); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder b = new StringBuilder();
          for (int k = 1; k <= n; k++) {
            b.append(k > 1 ? "\t" : "").append(rs.getString(k));
          }
          out.add(b.toString());
        }
        return out;
      } catch (SQLException e) {
        throw new IllegalStateException(sql + " on node " + (i + 1) + ": " + e, e);
      }
    }

    /** One store per node, opened on this database; close it before the database. */
    NodeStores storePerNode() {
      NodeStores stores = new NodeStores();
      try {
        for (int i = 0; i < NODES; i++) {
          stores.list.add(Rel.jdbc(url(i)));
        }
      } catch (RuntimeException e) {
        stores.close();
        throw e;
      }
      return stores;
    }

    @Override
    public void close() {
      execute(-1, "DROP DATABASE IF EXISTS " + name);
    }
  }

  /** The stores of {@link Db#storePerNode}: {@code on(i)} works through node {@code i} (0-based). */
  static final class NodeStores implements AutoCloseable {
    final List<Store> list = new ArrayList<>();

    Store on(int i) {
      return list.get(i);
    }

    @Override
    public void close() {
      list.forEach(Store::close);
    }
  }
}
