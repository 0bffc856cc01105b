package dev.ctrstore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Causal reads on a Galera cluster. A node applies the writes that other nodes committed a
 * moment after they were acknowledged, so by default a read on one node can miss a write that
 * another node already returned: a container created through node 1 and then read through
 * node 2 could be "not found". A session with {@code wsrep_sync_wait = 1} makes each read (and
 * each transaction's {@code START TRANSACTION}) wait until its node has applied everything the
 * cluster had committed when it began, which is what a store promises.
 *
 * <p>The variable joins the pool's connection init SQL: the dialect's own {@code SET SESSION
 * sql_mode = ...} (or a user's {@code SET} statement) is extended with it, so both hold on every
 * pooled connection. It is only set where the server is a Galera node ({@code wsrep_on}), and
 * not when the URL or the init SQL already chooses a {@code wsrep_sync_wait}. An init SQL that
 * is not a single {@code SET} statement cannot be extended: the store then logs a warning and
 * its reads are not causal across nodes.
 */
final class GaleraSessions {
  static final String CAUSAL_READS = "wsrep_sync_wait = 1";
  private static final Logger LOG = LoggerFactory.getLogger(GaleraSessions.class);

  private GaleraSessions() {}

  /** Asks the server (through one connection of {@code url}) and extends the pool's init SQL if it is a Galera node. */
  static void configure(HikariConfig hc, String url, Dialect dialect, Properties driverProperties, String maskedUrl) {
    String init = hc.getConnectionInitSql();
    if (dialect != Dialect.MYSQL || mentionsSyncWait(url) || (init != null && mentionsSyncWait(init))) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url, driverProperties);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@GLOBAL.wsrep_on")) {
      if (rs.next() && rs.getInt(1) == 1) {
        String combined = withCausalReads(init);
        if (combined == null) {
          LOG.warn("{} is a Galera cluster node, but the pool's connectionInitSql is not one SET"
              + " statement ctrstore can extend with {}: a read on one node may miss a write"
              + " another node acknowledged; add it to your init SQL", maskedUrl, CAUSAL_READS);
          return;
        }
        hc.setConnectionInitSql(combined);
        LOG.info("{} is a Galera cluster node: sessions use {} (causal reads)", maskedUrl,
            CAUSAL_READS);
      }
    } catch (SQLException e) {
      // MySQL has no wsrep_on; an unreachable server fails the pool's start with a proper error.
      LOG.debug("{}: no Galera ({})", maskedUrl, e.toString());
    }
  }

  /**
   * The init SQL that also sets causal reads: {@code init} extended if it is one {@code SET}
   * statement, the bare setting if there is none, or null if it cannot be extended.
   */
  static @Nullable String withCausalReads(@Nullable String init) {
    if (init == null || init.isBlank()) {
      return "SET SESSION " + CAUSAL_READS;
    }
    String sql = init.strip();
    if (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1).stripTrailing();
    }
    if (!sql.regionMatches(true, 0, "SET ", 0, 4) || sql.indexOf(';') >= 0) {
      return null;
    }
    return sql + ", SESSION " + CAUSAL_READS;
  }

  private static boolean mentionsSyncWait(String s) {
    return s.toLowerCase(Locale.ROOT).contains("wsrep_sync_wait");
  }
}
