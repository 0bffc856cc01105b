package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.Store;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.testing.SqliteTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC backend on a SQLite file (one per class; each test has its own namespace), plus SQLite-only checks. */
class SqliteJdbcStoreTest extends JdbcStoreTestBase {
  @RegisterExtension static final SqliteTestDatabase DB = new SqliteTestDatabase();

  @TempDir Path dir;

  @Override
  String url() {
    return DB.url();
  }

  /** SQLite has no row locks: a write transaction that holds the file's write lock blocks the store's writes. */
  @Override
  void lockForUpdate(Connection holder, String id) throws SQLException {
    holder.setAutoCommit(false);
    try (PreparedStatement ps = holder.prepareStatement(
        "UPDATE ctr_container SET id = id WHERE ns = ? AND id = ?")) {
      ps.setBytes(1, Codec.utf8(ns));
      ps.setBytes(2, Codec.utf8(id));
      assertEquals(1, ps.executeUpdate());
    }
  }

  /**
   * On SQLite the two writers of the base test cannot deadlock: the first holds the file's write
   * lock from {@code BEGIN IMMEDIATE} on, and the second waits for its commit before it reads
   * anything. Both land, with no attempt run twice.
   */
  @Override
  @Test
  void aRealDeadlockIsRetriedAndBothWritesLand() throws Exception {
    store.create(ctx, container("a").build());
    store.create(ctx, container("b").build());
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch secondCalling = new CountDownLatch(1);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<String>> tasks = new ArrayList<>();
    for (String[] order : List.of(new String[] {"a", "b"}, new String[] {"b", "a"})) {
      boolean first = order[0].equals("a");
      tasks.add(() -> {
        start.await();
        if (!first) {
          assertTrue(firstHoldsTheLock.await(20, TimeUnit.SECONDS));
          secondCalling.countDown();
        }
        storage.write(ctx, ns, w -> {
          attempts.incrementAndGet();
          Container one = w.getForUpdate(order[0]);
          if (first) {
            firstHoldsTheLock.countDown();
            try {
              // The second writer is in its call, waiting for the write lock.
              assertTrue(secondCalling.await(20, TimeUnit.SECONDS));
              Thread.sleep(200);
            } catch (InterruptedException x) {
              throw new IllegalStateException(x);
            }
          }
          Container two = w.getForUpdate(order[1]);
          for (Container c : List.of(one, two)) {
            Map<String, String> labels = new TreeMap<>(c.labels());
            labels.put("by-" + order[0], "1");
            w.replace(c, c.toBuilder().labels(labels).build());
          }
          return null;
        });
        return "ok";
      });
    }
    assertEquals(List.of("ok", "ok"), runAll(tasks, start));
    assertEquals(2, attempts.get(), "no attempt ran twice");
    for (String id : List.of("a", "b")) {
      assertEquals(Map.of("by-a", "1", "by-b", "1"), store.get(ctx, id).labels(), id);
      assertEquals(rows(Map.of("by-a", "1", "by-b", "1")), labelRows(id), id);
    }
  }

  private final CountDownLatch firstHoldsTheLock = new CountDownLatch(1);

  /** The connections the pool makes: WAL, every commit fsynced, a busy timeout. */
  @Test
  void connectionsAreDurableAndWaitForTheWriteLock() throws Exception {
    JdbcSettings settings = JdbcSettings.from(StoreConfig.of(Map.of(JdbcStoreProvider.URL, url())));
    try (Connection c = DriverManager.getConnection(url(), settings.driverProperties());
        Statement s = c.createStatement()) {
      assertEquals("wal", pragma(s, "journal_mode"));
      assertEquals("2", pragma(s, "synchronous"), "FULL");
      assertEquals("10000", pragma(s, "busy_timeout"));
    }
    assertTrue(Files.exists(Path.of(url().substring("jdbc:sqlite:".length()) + "-wal")));
  }

  private static String pragma(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  /** A file in a folder that does not exist yet, as the default location is on a first open; and the data outlives the store. */
  @Test
  void createsTheFolderAndKeepsDataAcrossReopen() {
    String fileUrl = "jdbc:sqlite:" + dir.resolve("new/folder/ctrstore.db");
    try (Store s = JdbcStores.open(fileUrl)) {
      s.create(ctx, container("persisted").image("img").build());
    }
    try (Store s = JdbcStores.open(fileUrl)) {
      assertEquals("img", s.get(ctx, "persisted").image());
    }
  }

  @Test
  void privateDatabasesAreRefused() {
    for (String u : List.of("jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite:file:x?mode=memory")) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> JdbcStores.open(u), u);
      assertTrue(e.getMessage().contains("name a file"), e.getMessage());
    }
  }

  /** Every store of the JVM on one file, whatever the URL's spelling, queues its writers in one gate. */
  @Test
  void theGateIsSharedByStoresOnOneFile() throws Exception {
    assertInstanceOf(WriterGate.class, WriterGate.of(url()));
    assertEquals(WriterGate.of(url()), WriterGate.of("jdbc:sqlite:file:"
        + url().substring("jdbc:sqlite:".length()) + "?busy_timeout=5"));
  }
}
