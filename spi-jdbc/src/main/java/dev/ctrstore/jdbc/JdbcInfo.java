package dev.ctrstore.jdbc;

import dev.ctrstore.StoreInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Describes an open JDBC database for {@link dev.ctrstore.Store#info()}: the system in
 * OpenTelemetry's spelling ({@code h2database}, {@code mariadb}, {@code mysql}, {@code sqlite}), the database
 * name, the masked URL (an embedded file's path made absolute) and the schema version recorded in ctrstore's Flyway history table.
 */
final class JdbcInfo {
  private JdbcInfo() {}

  static StoreInfo read(Connection c, Dialect dialect, String maskedUrl) throws SQLException {
    String system = dialect == Dialect.H2 ? "h2database"
        : dialect == Dialect.SQLITE ? "sqlite"
        : c.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb")
            ? "mariadb" : "mysql";
    // SQLite has no catalog; its database is the file, "main" to SQL.
    String catalog = dialect == Dialect.SQLITE ? "main" : c.getCatalog();
    return StoreInfo.of(JdbcStoreProvider.NAME, system, catalog == null ? "" : catalog,
        Urls.absoluteFile(maskedUrl),
        schemaVersion(c, dialect));
  }

  /** The latest successful migration, or null when the history table cannot be read. */
  private static @Nullable String schemaVersion(Connection c, Dialect dialect) {
    // Flyway quotes its history table's names on H2 (lower case) and leaves them bare on MySQL;
    // SQLite takes either.
    String sql = dialect != Dialect.MYSQL
        ? "SELECT \"version\" FROM \"" + Migrations.HISTORY_TABLE + "\" WHERE \"success\""
            + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC LIMIT 1"
        : "SELECT version FROM " + Migrations.HISTORY_TABLE + " WHERE success = 1"
            + " AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      return null; // migrate=false on a database whose history we may not read: unknown
    }
  }
}
