package dev.ctrstore.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes what a migration that did not finish left behind, so that it can run again from its
 * start. Neither MySQL nor H2 can roll DDL back (SQLite can, and Flyway runs its migrations in a
 * transaction, but its schema 1 is undone the same way should one be left half done): a migration that failed, or whose store died,
 * part way leaves the schema between two versions, and Flyway would then fail on its first
 * statement forever. Called under the {@link SchemaLock} with the first version still to apply;
 * each step checks what is there, so on a schema cleanly at the previous version it changes
 * nothing.
 *
 * <p>What the migrations do, and so what can be left:
 *
 * <ul>
 *   <li>schema 1 creates the empty tables (on SQLite also the revision counter and the change
 *       log): any of them still there is dropped if empty (a table with rows was not made by an
 *       unfinished schema 1, and is left for it to fail on);
 *   <li>the label-row conversion (MySQL 2, H2 3) creates {@code ctr_label_new}, moves {@code
 *       ctr_label} aside as {@code ctr_label_old}, copies, renames and drops: the old table is put
 *       back and the new one dropped (on H2 also the index it dropped first is recreated); its
 *       steps on {@code ctr_container} (widen, cut the hashes to 8 bytes, narrow) give the same
 *       result when run again;
 *   <li>H2 2 creates one index: dropped if there;
 *   <li>the revisions (MySQL 3, H2 4) create {@code ctr_revision} and {@code ctr_event}, add
 *       {@code ctr_container.revision} and fill them: the tables and the column are dropped if
 *       there (what they held is derived from the containers, and no store wrote to them, since
 *       stores refuse a schema that is not at their version);
 *   <li>SQLite 2 rebuilds {@code ctr_container} and {@code ctr_event} as rowid tables, each
 *       copied into {@code <table>_v2}, the old one dropped and the copy renamed: a staged copy
 *       is dropped while the old table is there, and renamed into its place once it is not (the
 *       copy was complete before the drop). From either shape the migration then runs again.
 * </ul>
 */
final class PartialMigrations {
  private static final Logger LOG = LoggerFactory.getLogger(PartialMigrations.class);

  private PartialMigrations() {}

  static void restoreBefore(Connection c, Dialect dialect, String version, String url) throws SQLException {
    c.setAutoCommit(true);
    if (dialect == Dialect.SQLITE) {
      restoreSqliteBefore(c, version, url);
      return;
    }
    boolean h2 = dialect == Dialect.H2;
    switch (version) {
      case "1" -> dropEmptyTablesOfSchemaOne(c, dialect, url);
      case "2" -> {
        if (h2) {
          run(c, url, "DROP INDEX IF EXISTS ctr_container_id");
        } else {
          restoreLabelTable(c, dialect, url);
        }
      }
      case "3" -> {
        if (h2) {
          restoreLabelTable(c, dialect, url);
        } else {
          restoreBeforeRevisions(c, dialect, url);
        }
      }
      case "4" -> {
        if (h2) {
          restoreBeforeRevisions(c, dialect, url);
        }
      }
      default -> {
        // newer versions undo their own steps here
      }
    }
  }

  private static void restoreSqliteBefore(Connection c, String version, String url)
      throws SQLException {
    switch (version) {
      case "1" -> dropEmptyTablesOfSchemaOne(c, Dialect.SQLITE, url);
      case "2" -> {
        for (String t : new String[] {"ctr_container", "ctr_event"}) {
          String staged = t + "_v2";
          if (!exists(c, Dialect.SQLITE, staged)) {
            continue;
          }
          // The copy precedes the drop: with the old table gone, the staged one is complete.
          run(c, url, exists(c, Dialect.SQLITE, t) ? "DROP TABLE " + staged
              : "ALTER TABLE " + staged + " RENAME TO " + t);
        }
      }
      default -> {
        // newer versions undo their own steps here
      }
    }
  }

  private static void dropEmptyTablesOfSchemaOne(Connection c, Dialect dialect, String url)
      throws SQLException {
    for (String t : new String[] {"ctr_event", "ctr_revision", "ctr_label", "ctr_container"}) {
      if (exists(c, dialect, t) && isEmpty(c, t)) {
        run(c, url, "DROP TABLE " + t);
      }
    }
  }

  private static void restoreLabelTable(Connection c, Dialect dialect, String url) throws SQLException {
    if (exists(c, dialect, "ctr_label_old")) {
      if (exists(c, dialect, "ctr_label")) {
        run(c, url, "DROP TABLE ctr_label"); // the copy, complete or not; the old rows are whole
      }
      run(c, url, dialect == Dialect.H2 ? "ALTER TABLE ctr_label_old RENAME TO ctr_label"
          : "RENAME TABLE ctr_label_old TO ctr_label");
    }
    if (exists(c, dialect, "ctr_label_new")) {
      run(c, url, "DROP TABLE ctr_label_new");
    }
    if (dialect == Dialect.H2) {
      // The conversion's first step drops this index of the old table, and its columns are
      // also in the new shape, so the step can run again whichever shape the table has.
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES"
              + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND INDEX_NAME = 'CTR_LABEL_KV'")) {
        rs.next();
        if (rs.getLong(1) == 0) {
          run(c, url, "CREATE INDEX ctr_label_kv ON ctr_label (ns, key_hash, value_hash)");
        }
      }
    }
  }

  private static void restoreBeforeRevisions(Connection c, Dialect dialect, String url)
      throws SQLException {
    for (String t : new String[] {"ctr_event", "ctr_revision"}) {
      if (exists(c, dialect, t)) {
        run(c, url, "DROP TABLE " + t);
      }
    }
    if (hasColumn(c, dialect, "ctr_container", "revision")) {
      run(c, url, "ALTER TABLE ctr_container DROP COLUMN revision");
    }
  }

  private static boolean hasColumn(Connection c, Dialect dialect, String table, String column)
      throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    boolean h2 = dialect == Dialect.H2;
    try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(),
        h2 ? table.toUpperCase(Locale.ROOT) : table, h2 ? column.toUpperCase(Locale.ROOT) : column)) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)
            && rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
          return true;
        }
      }
      return false;
    }
  }

  private static boolean exists(Connection c, Dialect dialect, String table) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String name = dialect == Dialect.H2 ? table.toUpperCase(Locale.ROOT) : table;
    try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), name, new String[] {"TABLE", "BASE TABLE"})) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
          return true;
        }
      }
      return false;
    }
  }

  private static boolean isEmpty(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
      return !rs.next();
    }
  }

  private static void run(Connection c, String url, String sql) throws SQLException {
    LOG.warn("ctrstore schema migration on {}: undoing an unfinished migration: {}", url, sql);
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
