package dev.ctrstore.bench;

import dev.ctrstore.bench.Fixtures.Backend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The rows every store write adds to its container rows, written by hand for {@link
 * RawWriteBenchmark}: the namespace's revision counter ({@code ctr_revision}, incremented in the
 * transaction, one statement as the backend does per dialect) and the change-log row ({@code
 * ctr_event}, which repeats the container). Issue #14 compares the store with "the same rows
 * written over raw JDBC"; without these the baseline wrote two rows fewer per transaction than
 * the store.
 */
final class RawLogRows {
  static final int CREATED = 1;
  static final int UPDATED = 2;
  static final int DELETED = 3;

  private final Backend backend;
  private final byte[] ns;
  private final PreparedStatement nextRevision;
  private final PreparedStatement insertEvent;

  RawLogRows(Connection c, Backend backend, byte[] ns) throws SQLException {
    this.backend = backend;
    this.ns = ns;
    this.nextRevision = switch (backend) {
      case SQLITE -> c.prepareStatement("INSERT INTO ctr_revision (ns, revision) VALUES (?, 1)"
          + " ON CONFLICT (ns) DO UPDATE SET revision = revision + 1 RETURNING revision");
      case MARIADB -> c.prepareStatement("INSERT INTO ctr_revision (ns, revision)"
          + " VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE revision ="
          + " LAST_INSERT_ID(revision + 1)", Statement.RETURN_GENERATED_KEYS);
      case H2 -> c.prepareStatement("SELECT revision FROM FINAL TABLE"
          + " (UPDATE ctr_revision SET revision = revision + 1 WHERE ns = ?)");
      case MEMORY -> throw new IllegalArgumentException("memory has no rows");
    };
    this.insertEvent = c.prepareStatement("INSERT INTO ctr_event (ns, revision, type, id, image,"
        + " runtime_name, runtime_options_type_url, runtime_options_value, spec_type_url,"
        + " spec_value, snapshotter, snapshot_key, sandbox_id, labels, extensions, created_at,"
        + " updated_at, container_revision, appended_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  /** Takes the namespace's next revision (the fixture's load created its counter row). */
  long nextRevision() throws SQLException {
    nextRevision.setBytes(1, ns);
    if (backend == Backend.MARIADB) {
      nextRevision.executeUpdate();
      try (ResultSet rs = nextRevision.getGeneratedKeys()) {
        rs.next();
        return rs.getLong(1);
      }
    }
    try (ResultSet rs = nextRevision.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("no ctr_revision row for the namespace");
      }
      return rs.getLong(1);
    }
  }

  /** The event row of a write of container {@code id}: the container's columns repeated. */
  void append(long revision, int type, byte[] id, byte[] image, byte[] runtime, byte[] specType,
      byte[] spec, byte[] snapshotter, byte[] labels, long updatedAt) throws SQLException {
    byte[] empty = new byte[0];
    insertEvent.setBytes(1, ns);
    insertEvent.setLong(2, revision);
    insertEvent.setInt(3, type);
    insertEvent.setBytes(4, id);
    insertEvent.setBytes(5, image);
    insertEvent.setBytes(6, runtime);
    insertEvent.setBytes(7, specType);
    insertEvent.setBytes(8, spec);
    insertEvent.setBytes(9, snapshotter);
    insertEvent.setBytes(10, id);
    insertEvent.setBytes(11, empty);
    insertEvent.setBytes(12, labels);
    insertEvent.setBytes(13, empty);
    insertEvent.setLong(14, 1L);
    insertEvent.setLong(15, updatedAt);
    insertEvent.setLong(16, revision);
    insertEvent.setLong(17, System.currentTimeMillis());
    insertEvent.executeUpdate();
  }
}
