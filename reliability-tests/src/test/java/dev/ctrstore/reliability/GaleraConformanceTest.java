package dev.ctrstore.reliability;

import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.conformance.StoreConformanceTest;
import dev.ctrstore.jdbc.JdbcStoreProvider;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole conformance kit on a three-node Galera cluster ({@link Galera}), through the
 * multi-host URL a user writes ({@code jdbc:mysql://node1,node2,node3/db}).
 */
class GaleraConformanceTest extends StoreConformanceTest {
  private Galera.Db db;

  @BeforeAll
  void database() {
    db = Galera.freshDatabase();
  }

  @Override
  protected Storage newStorage() {
    return new JdbcStoreProvider().open(
        StoreConfig.of(Map.of(JdbcStoreProvider.URL, db.multiHostUrl(0, 1, 2))));
  }

  /** As on a single server: hex-encoded binary values must fit in {@code max_allowed_packet}. */
  @Override
  protected long largestRecordBytes() {
    try (Connection c = DriverManager.getConnection(db.multiHostUrl(0, 1, 2));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT @@max_allowed_packet")) {
      r.next();
      return Math.min(LARGEST_RECORD_BYTES, (r.getLong(1) - (1 << 20)) / 2);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read max_allowed_packet: " + e.getMessage(), e);
    }
  }

  /** A second store on the cluster whose compactor keeps {@code events} per namespace. */
  @Override
  protected Store newStoreRetainingEvents(int events) {
    return Stores.over(new JdbcStoreProvider().open(StoreConfig.of(Map.of(
        JdbcStoreProvider.URL, db.multiHostUrl(0, 1, 2),
        JdbcStoreProvider.RETENTION, Integer.toString(events)))));
  }

  @AfterAll
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }
}
