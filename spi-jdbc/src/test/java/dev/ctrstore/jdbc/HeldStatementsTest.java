package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite point read's statement is prepared once per connection and answers every read. */
class HeldStatementsTest {
  @TempDir Path dir;

  @Test
  void oneStatementPerConnectionReusedAcrossReadsWithFreshResults() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("held.db");
    HeldStatements held = new HeldStatements("SELECT v FROM t WHERE k = ?");
    try (Connection a = DriverManager.getConnection(url);
        Connection b = DriverManager.getConnection(url)) {
      try (Statement st = a.createStatement()) {
        st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
        st.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
      }
      PreparedStatement first = held.on(a);
      assertEquals("one", read(first, 1));
      assertSame(first, held.on(a), "prepared once for the connection");
      assertEquals("two", read(held.on(a), 2));
      try (Statement st = b.createStatement()) {
        st.execute("UPDATE t SET v = 'uno' WHERE k = 1");
      }
      assertEquals("uno", read(held.on(a), 1), "a later read sees a later commit");
      assertNotSame(first, held.on(b), "each connection has its own");
      first.close();
      assertNotSame(first, held.on(a), "a closed statement is prepared again");
    }
  }

  private static String read(PreparedStatement ps, int k) throws Exception {
    ps.setInt(1, k);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }
}
