package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import dev.ctrstore.Stores;
import dev.ctrstore.UnavailableException;
import dev.ctrstore.spi.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC backend on an in-memory H2 database (a fresh one per test), plus H2-only checks. */
class H2JdbcStoreTest extends JdbcStoreTestBase {
  private final String url = "jdbc:h2:mem:ctrstore-" + UUID.randomUUID();

  @Override
  String url() {
    return url;
  }

  @TempDir Path dir;

  @Test
  void fileDatabaseKeepsDataAcrossReopen() {
    String fileUrl = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0";
    try (Store s = JdbcStores.open(fileUrl)) {
      s.create(ctx, container("persisted").image("img").build());
    }
    try (Store s = JdbcStores.open(fileUrl)) {
      assertEquals("img", s.get(ctx, "persisted").image());
    }
    assertTrue(Files.exists(dir.resolve("db.mv.db")));
  }

  /**
   * Full lists and stream pages read the primary key in order, also in a file database reopened
   * after the migrations rebuilt ctr_container: H2 then holds its indexes in another order, and
   * without the condition on id its cost estimates tie and it took (ns, image_hash), reading and
   * sorting the whole namespace for each page.
   */
  @Test
  void fullListsAndStreamPagesReadThePrimaryKeyInOrder() throws Exception {
    String fileUrl = "jdbc:h2:file:" + dir.resolve("plan").toAbsolutePath();
    try (Store s = JdbcStores.open(fileUrl)) {
      for (int i = 0; i < 50; i++) {
        s.create(ctx, container("p" + i).image("img" + i % 3).build());
      }
    }
    String page = (Sql.LIST + Sql.AFTER + Sql.ORDER_PK + Sql.LIMIT)
        .replace(":ns", "?").replace(":after", "?").replace(":limit", "?");
    try (Connection c = DriverManager.getConnection(fileUrl);
        java.sql.PreparedStatement ps = c.prepareStatement("EXPLAIN " + page)) {
      ps.setBytes(1, Codec.utf8(ns));
      ps.setBytes(2, Sql.BEFORE_ALL_IDS);
      ps.setInt(3, Pages.PAGE_SIZE);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        String plan = rs.getString(1);
        assertTrue(plan.contains("PRIMARY_KEY") && plan.contains("/* index sorted */"), plan);
      }
    }
  }

  @Test
  void openedThroughStoresWithTheProviderName() {
    Properties p = new Properties();
    p.setProperty("ctrstore.backend", "jdbc");
    p.setProperty(JdbcStoreProvider.URL, url);
    p.setProperty("ctrstore.jdbc.pool.maximumPoolSize", "3");
    try (Store s = Stores.open(p)) {
      s.create(ctx, container("via-stores").build());
      assertEquals(1, s.list(ctx).size());
    }
  }

  @Test
  void unknownPoolPropertyIsRejected() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> JdbcStores.open(Map.of(JdbcStoreProvider.URL, url,
            "ctrstore.jdbc.pool.noSuchThing", "1")));
    assertTrue(e.getMessage().contains("ctrstore.jdbc.pool."), e.getMessage());
  }

  @Test
  void unsupportedAndUnnamedUrlsAreRejected() {
    assertThrows(InvalidArgumentException.class, () -> JdbcStores.open("jdbc:postgresql://x/y"));
    assertThrows(InvalidArgumentException.class, () -> JdbcStores.open("jdbc:h2:mem:"));
  }

  @Test
  void newerSchemaIsRefused() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO \"ctrstore_schema_history\" (\"installed_rank\", \"version\","
          + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
          + " VALUES (99, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'test', 0, TRUE)");
    }
    FailedPreconditionException e = assertThrows(FailedPreconditionException.class,
        () -> JdbcStores.open(url));
    assertTrue(e.getMessage().contains("999"), e.getMessage());
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
  }

  @Test
  void migrateFalseOnAnEmptyDatabaseFails() {
    String fresh = "jdbc:h2:mem:empty-" + UUID.randomUUID();
    FailedPreconditionException e = assertThrows(FailedPreconditionException.class,
        () -> JdbcStores.open(Map.of(JdbcStoreProvider.URL, fresh, JdbcStoreProvider.MIGRATE, "false")));
    assertTrue(e.getMessage().contains(JdbcStoreProvider.MIGRATE), e.getMessage());
    // with migrate=false on a migrated database, it opens
    try (Store s = JdbcStores.open(Map.of(JdbcStoreProvider.URL, url, JdbcStoreProvider.MIGRATE, "false"))) {
      assertEquals(0, s.list(ctx).size());
    }
  }

  @Test
  void unreachableServerIsUnavailableAndThePasswordIsMasked() {
    StoreException e = assertThrows(StoreException.class, () -> JdbcStores.open(Map.of(
        JdbcStoreProvider.URL, "jdbc:mysql://127.0.0.1:1/nope?user=u&password=hunter2",
        JdbcStoreProvider.PASSWORD, "s3cret-pw",
        "ctrstore.jdbc.pool.connectionTimeout", "1000")));
    assertInstanceOf(UnavailableException.class, e, e.toString());
    assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("hunter2"), t.toString());
      assertFalse(String.valueOf(t.getMessage()).contains("s3cret-pw"), t.toString());
    }
  }

  @Test
  void urlMasking() {
    assertEquals("jdbc:mysql://h/db?user=u&password=****&x=1",
        Urls.mask("jdbc:mysql://h/db?user=u&password=p&x=1"));
    assertEquals("jdbc:mysql://u:****@h/db", Urls.mask("jdbc:mysql://u:p@h/db"));
    assertEquals("jdbc:h2:mem:x;PASSWORD=****;A=1", Urls.mask("jdbc:h2:mem:x;PASSWORD=p;A=1"));
  }

  @Test
  void providerDeclaresItsKeys() {
    var keys = new JdbcStoreProvider().keys();
    assertTrue(keys.containsAll(java.util.Set.of("ctrstore.jdbc.url", "ctrstore.jdbc.username",
        "ctrstore.jdbc.password", "ctrstore.jdbc.migrate", "ctrstore.jdbc.pool.*")));
    assertTrue(Stores.available().contains("jdbc"));
    assertEquals(StoreConfig.class, StoreConfig.of(Map.of()).getClass());
    Container unused = null;
    assertEquals(null, unused);
  }
}
