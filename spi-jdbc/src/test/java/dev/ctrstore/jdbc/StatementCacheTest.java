package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDBI statements on one SQLite connection are prepared once and reused by later handles, with
 * nothing of one use (parameters, a batch, a query timeout) carried into the next, and never
 * handed out twice at once.
 */
class StatementCacheTest {
  @TempDir Path dir;

  /** Records the statement object of every execution on a handle. */
  private static final class Seen implements StatementCustomizer {
    final List<PreparedStatement> statements = new ArrayList<>();
    final List<Integer> timeouts = new ArrayList<>();

    @Override
    public void beforeExecution(PreparedStatement stmt, StatementContext ctx) throws java.sql.SQLException {
      statements.add(stmt);
      timeouts.add(stmt.getQueryTimeout());
    }
  }

  @Test
  void statementsAreReusedAcrossHandlesAndCleanedBetweenUses() throws Exception {
    StatementCache cache = new StatementCache();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("c.db"))) {
      Jdbi jdbi = Jdbi.create(c);
      jdbi.setStatementBuilderFactory(x -> cache);
      Seen seen = new Seen();
      try (Handle h = jdbi.open()) {
        h.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
        h.addCustomizer(seen);
        var batch = h.prepareBatch("INSERT INTO t (k, v) VALUES (:k, :v)");
        for (int k = 1; k <= 3; k++) {
          batch.bind("k", k).bind("v", "v" + k).add();
        }
        assertEquals(3, batch.execute().length);
        h.addCustomizer(new StatementCustomizer() {
          @Override
          public void beforeExecution(PreparedStatement stmt, StatementContext ctx)
              throws java.sql.SQLException {
            stmt.setQueryTimeout(7); // as a deadline would
          }
        });
        assertEquals("v2", h.createQuery("SELECT v FROM t WHERE k = :k").bind("k", 2)
            .mapTo(String.class).one());
      }
      Seen later = new Seen();
      try (Handle h = jdbi.open()) {
        h.addCustomizer(later);
        assertEquals("v3", h.createQuery("SELECT v FROM t WHERE k = :k").bind("k", 3)
            .mapTo(String.class).one());
        var batch = h.prepareBatch("INSERT INTO t (k, v) VALUES (:k, :v)");
        batch.bind("k", 4).bind("v", "v4").add();
        assertEquals(1, batch.execute().length, "the earlier batch's rows are not run again");
        assertEquals(4, h.createQuery("SELECT COUNT(*) FROM t").mapTo(Integer.class).one());
      }
      assertSame(seen.statements.get(1), later.statements.get(0), "the query's statement, reused");
      assertSame(seen.statements.get(0), later.statements.get(1), "the batch's statement, reused");
      assertEquals(0, later.timeouts.get(0), "the earlier use's query timeout was cleared");
    }
  }

  @Test
  void aStatementInUseIsNotHandedOutAgain() throws Exception {
    StatementCache cache = new StatementCache();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("n.db"))) {
      Jdbi jdbi = Jdbi.create(c);
      jdbi.setStatementBuilderFactory(x -> cache);
      Seen seen = new Seen();
      try (Handle h = jdbi.open()) {
        h.execute("CREATE TABLE t (k INTEGER PRIMARY KEY)");
        h.execute("INSERT INTO t VALUES (1), (2), (3)");
        h.addCustomizer(seen);
        String sql = "SELECT k FROM t WHERE k >= :k ORDER BY k";
        List<Integer> outer = new ArrayList<>();
        try (var it = h.createQuery(sql).bind("k", 1).mapTo(Integer.class).iterator()) {
          Iterator<Integer> i = it;
          outer.add(i.next());
          // The same SQL while the first result is still open: a statement of its own.
          assertEquals(List.of(2, 3), h.createQuery(sql).bind("k", 2).mapTo(Integer.class).list());
          i.forEachRemaining(outer::add);
        }
        assertEquals(List.of(1, 2, 3), outer, "the open result was not disturbed");
        assertEquals(List.of(1, 2, 3), h.createQuery(sql).bind("k", 0).mapTo(Integer.class).list());
      }
      assertNotSame(seen.statements.get(0), seen.statements.get(1));
      assertSame(seen.statements.get(0), seen.statements.get(2), "the cached one, once free");
      assertTrue(seen.statements.get(1).isClosed(), "the extra statement was closed after use");
    }
  }

  /** The plain-JDBC use (point reads, {@link Call}): per connection, reused, fresh results. */
  @Test
  void oneStatementPerConnectionReusedAcrossReadsWithFreshResults() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("held.db");
    StatementCache cache = new StatementCache();
    String sql = "SELECT v FROM t WHERE k = ?";
    try (Connection a = DriverManager.getConnection(url);
        Connection b = DriverManager.getConnection(url)) {
      try (java.sql.Statement st = a.createStatement()) {
        st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
        st.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
      }
      PreparedStatement first = cache.take(a, sql);
      assertEquals("one", read(first, 1));
      cache.give(a, first);
      PreparedStatement again = cache.take(a, sql);
      assertSame(first, again, "prepared once for the connection");
      assertEquals("two", read(again, 2));
      cache.give(a, again);
      try (java.sql.Statement st = b.createStatement()) {
        st.execute("UPDATE t SET v = 'uno' WHERE k = 1");
      }
      PreparedStatement later = cache.take(a, sql);
      assertEquals("uno", read(later, 1), "a later read sees a later commit");
      cache.give(a, later);
      PreparedStatement ofB = cache.take(b, sql);
      assertNotSame(first, ofB, "each connection has its own");
      cache.give(b, ofB);
      first.close();
      PreparedStatement reprepared = cache.take(a, sql);
      assertNotSame(first, reprepared, "a closed statement is prepared again");
      cache.give(a, reprepared);
    }
  }

  private static String read(PreparedStatement ps, int k) throws Exception {
    ps.setInt(1, k);
    try (java.sql.ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }
}
