package dev.ctrstore.jdbc;

import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.conformance.StoreConformanceTest;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.testing.MySqlTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole conformance kit on the JDBC backend over MySQL/MariaDB (see {@link
 * MySqlTestDatabase} for where the server comes from; the class gets its own database).
 */
class MySqlConformanceTest extends StoreConformanceTest {
  @RegisterExtension static final MySqlTestDatabase DB = new MySqlTestDatabase();

  @Override
  protected Storage newStorage() {
    return JdbcStoreProvider.openStorage(StoreConfig.of(Map.of(JdbcStoreProvider.URL, DB.url())));
  }

  /**
   * The documented bound ({@link JdbcStoreProvider}): a record's statement must fit in the
   * server's {@code max_allowed_packet} (MariaDB's default 16 MiB), and binary values travel in
   * it hex-encoded, twice their size; the kit checks a record of half of 1 MiB less than that.
   */
  @Override
  protected long largestRecordBytes() {
    try (Connection c = DriverManager.getConnection(DB.url());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT @@max_allowed_packet")) {
      r.next();
      return Math.min(LARGEST_RECORD_BYTES, (r.getLong(1) - (1 << 20)) / 2);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read max_allowed_packet: " + e.getMessage(), e);
    }
  }

  /** A second store on the same database whose compactor keeps {@code events} per namespace. */
  @Override
  protected Store newStoreRetainingEvents(int events) {
    return Stores.over(JdbcStoreProvider.openStorage(StoreConfig.of(Map.of(
        JdbcStoreProvider.URL, DB.url(), JdbcStoreProvider.RETENTION, Integer.toString(events)))));
  }
}
