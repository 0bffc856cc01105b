package dev.ctrstore.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.h2.mvstore.DataUtils;

/**
 * Reproduces the H2 "Double mark" corruption of docs/durability.md with H2 alone (plain JDBC; no
 * ctrstore class, no {@code H2Durability}). Usage: {@code H2DoubleMarkRepro [ageMs] [urlSuffix]}.
 *
 * <p>The seed is the 69 KB file a ctrstore store session left (migrations and one create, with
 * {@code WRITE_DELAY=0}), captured when the old {@code StreamingHeapTest} loader failed. The
 * failure needs the next session to start while the seed's last chunks are a few seconds old,
 * so the seed's header gets a creation time {@code ageMs} (default 1,000) before now — the only
 * edit, with the header's checksum recomputed. Then one connection commits 203 transactions of
 * 32 rows of 8 KB each, closes, and a new connection opens the file: exit status 1 and
 * "REOPEN FAILED … Double mark" when H2 cannot read its own file.
 */
public final class H2DoubleMarkRepro {
  private H2DoubleMarkRepro() {
  }

  public static void main(String[] args) throws Exception {
    long ageMs = args.length > 0 ? Long.parseLong(args[0]) : 1_000;
    String suffix = args.length > 1 ? args[1] : ";WRITE_DELAY=0;CACHE_SIZE=2048";
    Path dir = Files.createTempDirectory("h2-double-mark");
    Path file = dir.resolve("s.mv.db");
    try (InputStream in = new GZIPInputStream(
        H2DoubleMarkRepro.class.getResourceAsStream("h2-double-mark-seed.mv.db.gz"))) {
      Files.copy(in, file);
    }
    age(file, ageMs);
    String url = "jdbc:h2:file:" + dir.resolve("s") + suffix;
    load(url, 6_500, 8 * 1024, 32);
    String outcome;
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ctr_container")) {
      rs.next();
      outcome = "REOPEN OK, rows " + rs.getLong(1);
    } catch (SQLException e) {
      Throwable t = e;
      while (t.getCause() != null) {
        t = t.getCause();
      }
      outcome = "REOPEN FAILED (error " + e.getErrorCode() + "): " + t.getMessage();
    }
    System.out.println(org.h2.engine.Constants.FULL_VERSION + " ageMs=" + ageMs + " " + suffix + ": " + outcome);
    System.exit(outcome.startsWith("REOPEN OK") ? 0 : 1);
  }

  /** Rewrites {@code created} in both store headers (blocks 0 and 1) so the chunks look {@code ageMs} old. */
  private static void age(Path file, long ageMs) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      for (long off : new long[] {0, 4096}) {
        ByteBuffer b = ByteBuffer.allocate(4096);
        ch.read(b, off);
        String h = new String(b.array(), StandardCharsets.ISO_8859_1);
        h = h.substring(0, h.indexOf(",fletcher:"))
            .replaceAll("created:[0-9a-f]+", "created:" + Long.toHexString(System.currentTimeMillis() - ageMs));
        byte[] hb = h.getBytes(StandardCharsets.ISO_8859_1);
        byte[] full = (h + ",fletcher:" + Integer.toHexString(DataUtils.getFletcher32(hb, 0, hb.length)) + "\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        ch.write(ByteBuffer.wrap(java.util.Arrays.copyOf(full, 4096)), off);
      }
    }
  }

  /** Copies of the seed's one container row, {@code perTx} to a transaction, as the old loader did. */
  private static void load(String url, int n, int specBytes, int perTx) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      List<String> columns = new ArrayList<>();
      List<Object> template = new ArrayList<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM ctr_container")) {
        rs.next();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          columns.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
          template.add(rs.getObject(i));
        }
      }
      int idCol = columns.indexOf("id");
      int specCol = columns.indexOf("spec_value");
      String sql = "INSERT INTO ctr_container (" + String.join(", ", columns) + ") VALUES ("
          + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
      try (PreparedStatement ins = c.prepareStatement(sql)) {
        for (int i = 1; i < n; i++) {
          for (int col = 0; col < columns.size(); col++) {
            Object v = template.get(col);
            if (col == idCol) {
              v = Fixtures.id(i).getBytes(StandardCharsets.UTF_8);
            } else if (col == specCol) {
              SplittableRandom r = new SplittableRandom(i);
              byte[] b = new byte[specBytes];
              for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (' ' + r.nextInt(95));
              }
              v = b;
            }
            ins.setObject(col + 1, v);
          }
          ins.addBatch();
          if (i % perTx == 0 || i == n - 1) {
            ins.executeBatch();
            c.commit();
          }
        }
      }
    }
  }
}
