package dev.ctrstore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Causal reads on a Galera cluster. A node applies the writes that other nodes committed a
 * moment after they were acknowledged, so by default a read on one node can miss a write that
 * another node already returned: a container created through node 1 and then read through
 * node 2 could be "not found". A session with {@code wsrep_sync_wait = 1} makes each read (and
 * each transaction's first read) wait until its node has applied everything the cluster had
 * committed when the read began, which is what a store promises. The session variable is only
 * set where the server is a Galera node ({@code wsrep_on}), and not when the URL already
 * chooses a {@code wsrep_sync_wait} itself or the pool sets its own connection init SQL.
 */
final class GaleraSessions {
  static final String INIT_SQL = "SET SESSION wsrep_sync_wait = 1";
  private static final Logger LOG = LoggerFactory.getLogger(GaleraSessions.class);

  private GaleraSessions() {}

  /** Asks the server (through one connection of {@code url}) and sets the pool's init SQL if it is a Galera node. */
  static void configure(HikariConfig hc, String url, Dialect dialect, Properties driverProperties, String maskedUrl) {
    if (dialect != Dialect.MYSQL || hc.getConnectionInitSql() != null
        || url.toLowerCase(Locale.ROOT).contains("wsrep_sync_wait")) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url, driverProperties);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@GLOBAL.wsrep_on")) {
      if (rs.next() && rs.getInt(1) == 1) {
        hc.setConnectionInitSql(INIT_SQL);
        LOG.info("{} is a Galera cluster node: sessions use wsrep_sync_wait = 1 (causal reads)",
            maskedUrl);
      }
    } catch (SQLException e) {
      // MySQL has no wsrep_on; an unreachable server fails the pool's start with a proper error.
      LOG.debug("{}: no Galera ({})", maskedUrl, e.toString());
    }
  }
}
