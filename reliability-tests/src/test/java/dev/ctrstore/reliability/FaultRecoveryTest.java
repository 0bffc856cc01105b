package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import dev.ctrstore.UnavailableException;
import dev.ctrstore.testing.MySqlServer;
import dev.ctrstore.testing.TcpProxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is left after a fault: writes cut off mid-transaction leave every container whole (old or
 * new, never a mix), opening a store while the database is down fails fast and clearly, and a
 * schema newer than the library is refused.
 */
class FaultRecoveryTest {
  static final long SEED = 0xFA17_5EEDL;
  static final int WRITERS = 4;
  static final int PER_WRITER = 6;
  static final int CUTS = 40;

  /** Totals for the report. */
  static final AtomicLong WRITES_ATTEMPTED = new AtomicLong();

  @Test
  void writesCutMidTransactionLeaveEveryContainerWhole() throws Exception {
    try (MySqlServer.Database db = MySqlServer.freshDatabase(); TcpProxy proxy = TcpProxy.to(db.hostPort());
        Store store = Rel.jdbc(db.urlVia(proxy.port()))) {
      String ns = Rel.newNamespace();
      Context ctx = Rel.ctx(ns);
      // Each writer owns its containers, so "the last write that returned" is well defined.
      Map<String, String> acked = new ConcurrentHashMap<>();
      Map<String, Set<String>> uncertain = new ConcurrentHashMap<>();
      for (int w = 0; w < WRITERS; w++) {
        for (int i = 0; i < PER_WRITER; i++) {
          String id = "w" + w + "-" + i;
          store.create(ctx, Rel.tokened(id, "t0-" + id));
          acked.put(id, "t0-" + id);
          uncertain.put(id, ConcurrentHashMap.newKeySet());
        }
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong ok = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      List<Throwable> wrongKinds = new java.util.concurrent.CopyOnWriteArrayList<>();
      CountDownLatch started = new CountDownLatch(WRITERS);
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        Random r = new Random(SEED + w);
        Thread t = new Thread(() -> {
          started.countDown();
          for (long n = 0; !stop.get(); n++) {
            String id = "w" + writer + "-" + r.nextInt(PER_WRITER);
            String token = "w" + writer + "n" + n;
            uncertain.get(id).add(token);
            try {
              Context c = ctx.withTimeout(Duration.ofMillis(800));
              if (r.nextBoolean()) {
                store.update(c, Rel.tokened(id, token));
              } else {
                store.update(c, Rel.tokened(id, token), "labels", "image", "spec", "extensions");
              }
              acked.put(id, token);
              uncertain.get(id).clear(); // earlier unknown outcomes are overwritten now
              ok.incrementAndGet();
            } catch (UnavailableException | DeadlineExceededException e) {
              failed.incrementAndGet(); // outcome unknown: the commit may or may not have landed
            } catch (Throwable e) {
              wrongKinds.add(e);
            }
          }
        }, "cut-writer-" + w);
        threads.add(t);
        t.start();
      }
      started.await();
      Random faults = new Random(SEED);
      for (int i = 0; i < CUTS; i++) {
        Thread.sleep(10 + faults.nextInt(60));
        proxy.dropAll();
        if (faults.nextInt(4) == 0) {
          proxy.refuse();
          Thread.sleep(faults.nextInt(50));
          proxy.heal();
        }
      }
      proxy.heal();
      long healedAt = System.nanoTime();
      stop.set(true);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(!t.isAlive(), t.getName() + " hangs");
      }
      assertTrue(wrongKinds.isEmpty(), "writes failed with kinds other than Unavailable/DeadlineExceeded: "
          + wrongKinds);
      WRITES_ATTEMPTED.addAndGet(ok.get() + failed.get());

      // After healing: every container is whole, holds the last acknowledged write or a later
      // one whose outcome was unknown, and the label index agrees with the records.
      Context c = ctx.withTimeout(Duration.ofSeconds(20));
      List<Container> all = store.list(c);
      assertEquals(WRITERS * PER_WRITER, all.size(), "containers after the cuts");
      for (Container x : all) {
        String token = Rel.tokenOf(x);
        assertTrue(token.equals(acked.get(x.id())) || uncertain.get(x.id()).contains(token),
            x.id() + " holds " + token + ", but the last acknowledged write was "
                + acked.get(x.id()) + " and the unknown ones after it " + uncertain.get(x.id()));
        assertEquals(List.of(x.id()), store.list(c, "labels.v==" + token, "labels.b==b-" + token)
            .stream().map(Container::id).toList(), "label index of " + x.id());
      }
      assertEquals(3L * WRITERS * PER_WRITER,
          db.count("SELECT COUNT(*) FROM ctr_label WHERE ns = '" + ns + "'"),
          "label rows: one per label, none left over from a cut write");
      System.out.println("FaultRecoveryTest: " + proxy.faultsInjected() + " faults, "
          + ok.get() + " writes acknowledged, " + failed.get() + " failed fast, first read after healing "
          + (System.nanoTime() - healedAt) / 1_000_000 + " ms; every container whole");
      assertTrue(ok.get() > 0 && failed.get() > 0,
          "the run must both complete and cut writes: ok=" + ok + " failed=" + failed);
    }
  }

  @Test
  void openingWhileTheDatabaseIsDownFailsFastAndSaysWhy() throws Exception {
    try (MySqlServer.Database db = MySqlServer.freshDatabase(); TcpProxy proxy = TcpProxy.to(db.hostPort())) {
      proxy.refuse();
      assertFailsFastOnOpen(db.urlVia(proxy.port()), proxy.port());
    }
    // Nothing listening at all.
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertFailsFastOnOpen("jdbc:mysql://127.0.0.1:" + port + "/nothing?user=root", port);
  }

  private static void assertFailsFastOnOpen(String url, int port) {
    long start = System.nanoTime();
    UnavailableException e = assertThrows(UnavailableException.class, () -> Rel.jdbc(url).close());
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < 3_000, "open took " + ms + " ms");
    assertTrue(e.getMessage().contains("cannot reach database")
            && e.getMessage().contains("127.0.0.1:" + port),
        "the message says what failed and where: " + e.getMessage());
  }

  @Test
  void aSchemaNewerThanTheLibraryIsRefusedOnMariaDb() throws Exception {
    try (MySqlServer.Database db = MySqlServer.freshDatabase()) {
      assertNewerSchemaRefused(db.url());
    }
  }

  @Test
  void aSchemaNewerThanTheLibraryIsRefusedOnH2(@TempDir Path dir) throws Exception {
    assertNewerSchemaRefused("jdbc:h2:file:" + dir.toAbsolutePath() + "/db;WRITE_DELAY=0");
  }

  private static void assertNewerSchemaRefused(String url) throws Exception {
    String ns = Rel.newNamespace();
    try (Store store = Rel.jdbc(url)) {
      store.create(Rel.ctx(ns), Rel.tokened("kept", "t0"));
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      String q = url.startsWith("jdbc:h2") ? "\"" : "";
      String columns = String.join(", ", List.of("installed_rank", "version", "description", "type",
          "script", "checksum", "installed_by", "execution_time", "success").stream()
          .map(col -> q + col + q).toList());
      s.executeUpdate("INSERT INTO " + history(url) + " (" + columns + ") VALUES (99, '99',"
          + " 'from the future', 'SQL', 'V99__future.sql', 0, 'test', 1, " + (url.startsWith("jdbc:h2") ? "TRUE" : "1") + ")");
    }
    Map<String, String> before = snapshot(url);
    FailedPreconditionException e = assertThrows(FailedPreconditionException.class,
        () -> Rel.jdbc(url).close());
    assertTrue(e.getMessage().contains("newer") && e.getMessage().contains("99"),
        "the message names the newer version: " + e.getMessage());
    assertEquals(before, snapshot(url), "a refused database is not written to");
    StoreException again = assertThrows(StoreException.class,
        () -> Rel.jdbc(url, Map.of("ctrstore.jdbc.migrate", "false")).close());
    assertEquals(FailedPreconditionException.class, again.getClass(), "with migrate=false too");
  }

  /** Flyway's history table, quoted as it was created (lower case). */
  private static String history(String url) {
    return url.startsWith("jdbc:h2") ? "\"ctrstore_schema_history\"" : "ctrstore_schema_history";
  }

  /** Row counts of the tables, to show a refused open wrote nothing. */
  private static Map<String, String> snapshot(String url) throws Exception {
    Map<String, String> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String t : List.of("ctr_container", "ctr_label", history(url))) {
        try (var rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
          rs.next();
          out.put(t, rs.getString(1));
        }
      }
      try (var rs = s.executeQuery("SELECT MAX(updated_at) FROM ctr_container")) {
        rs.next();
        out.put("max(updated_at)", rs.getString(1));
      }
    }
    return out;
  }
}
