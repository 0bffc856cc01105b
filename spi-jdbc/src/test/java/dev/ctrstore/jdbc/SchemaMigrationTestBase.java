package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.RevisionCompactedException;
import dev.ctrstore.RuntimeInfo;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.Watch;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Filters;
import dev.ctrstore.spi.StoreConfig;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * An existing database of an older schema, holding containers, is converted in place when a
 * store of this version opens it: every container reads back whole, and every filter the label
 * index and the hash columns serve answers as before, and later writes keep the converted index
 * right.
 *
 * <p>The old schema's data is written as that schema's store wrote it (the statements and
 * encodings of ctrstore before the conversion: 32-byte SHA-256 hashes, label rows holding the key
 * and value), since this version's store no longer writes that shape.
 */
abstract class SchemaMigrationTestBase {
  /** A fresh, empty database. */
  abstract String url();

  abstract Dialect dialect();

  /** The newest schema version this library knows. */
  abstract String latestVersion();

  static final Context A = Context.withNamespace("mig-a");
  static final Context B = Context.withNamespace("mig-b");
  static final Instant T0 = Instant.parse("2025-06-01T12:00:00.123456Z");

  /** The script of the label-row conversion (8-byte hashes), which {@link #interruptedConversionsAreRunAgain} interrupts. */
  abstract String labelConversionScript();

  /** The version of {@link #labelConversionScript()}. */
  abstract String labelConversionVersion();

  /** The script of the revisions migration, the newest one. */
  abstract String revisionsScript();

  /** What happens to the database after it is built and filled, before a store opens it. */
  interface Interruption {
    void apply(Connection c) throws Exception;
  }

  /** Builds a database at {@code version} holding {@link #fixtures}, then opens a store on it and checks everything. */
  void convertsInPlace(String version) throws Exception {
    convertsInPlace(version, c -> { });
  }

  /**
   * A conversion of schema {@code from} that a store began and did not finish, stopped after
   * each of the label conversion's statements in turn (after all of them too: the store died
   * before recording it), with the dead store's expired lock left behind and, every other time,
   * the history entry of a failed run: each time, the next store to open runs it again and ends
   * with everything whole.
   */
  void interruptedConversionsAreRunAgain(String from) throws Exception {
    List<String> steps = statements(labelConversionScript());
    assertTrue(steps.size() >= 3, "the conversion has several steps: " + steps);
    for (int k = 1; k <= steps.size(); k++) {
      int done = k;
      resetSchema();
      convertsInPlace(from, c -> {
        try (Statement s = c.createStatement()) {
          for (String step : steps.subList(0, done)) {
            s.execute(step);
          }
        }
        leaveExpiredLock(c);
        if (done % 2 == 1) {
          addFailedEntry(c, labelConversionVersion());
        }
      }, false);
    }
  }

  /**
   * The revisions migration interrupted after each of its statements in turn, on a database at
   * the version before it that holds containers: the next store to open undoes what it left and
   * runs it again, and every container gets its revision.
   */
  void interruptedRevisionMigrationsAreRunAgain() throws Exception {
    List<String> steps = statements(revisionsScript());
    assertTrue(steps.size() >= 3, "the migration has several steps: " + steps);
    String previous = Integer.toString(Integer.parseInt(latestVersion()) - 1);
    for (int k = 1; k <= steps.size(); k++) {
      int done = k;
      resetSchema();
      convertsInPlace("1", c -> {
        Flyway.configure(getClass().getClassLoader()).dataSource(new UrlDataSource(url()))
            .locations(dialect().migrations()).table(Migrations.HISTORY_TABLE).target(previous)
            .load().migrate();
        try (Statement s = c.createStatement()) {
          for (String step : steps.subList(0, done)) {
            s.execute(step);
          }
        }
        leaveExpiredLock(c);
        if (done % 2 == 1) {
          addFailedEntry(c, latestVersion());
        }
      }, false);
    }
  }

  /** The statements of a migration script, comments removed. */
  static List<String> statements(String resource) throws Exception {
    String text;
    try (var in = SchemaMigrationTestBase.class.getClassLoader().getResourceAsStream(resource)) {
      assertTrue(in != null, resource + " exists");
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n")) {
      int dash = line.indexOf("--");
      b.append(dash < 0 ? line : line.substring(0, dash)).append('\n');
    }
    List<String> out = new ArrayList<>();
    for (String stmt : b.toString().split(";")) {
      if (!stmt.isBlank()) {
        out.add(stmt.trim());
      }
    }
    return out;
  }

  /** Drops everything a store or these tests create, so a test can build a database again. */
  void resetSchema() throws SQLException {
    String history = dialect() == Dialect.H2 ? "\"" + Migrations.HISTORY_TABLE + "\"" : Migrations.HISTORY_TABLE;
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      for (String t : List.of("ctr_container", "ctr_label", "ctr_label_new", "ctr_label_old",
          "ctr_event", "ctr_revision", "ctr_container_v2", "ctr_event_v2", history,
          SchemaLock.TABLE)) {
        s.execute("DROP TABLE IF EXISTS " + t);
      }
    }
  }

  /** The lock row of a store that died while migrating: its lease ran out a minute ago. */
  static void leaveExpiredLock(Connection c) throws SQLException {
    SchemaLock.createTable(c);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + SchemaLock.TABLE
        + " (name, holder, expires_at) VALUES (?, ?, ?)")) {
      ps.setString(1, SchemaLock.NAME);
      ps.setString(2, "a-store-that-died");
      ps.setLong(3, System.currentTimeMillis() - 60_000);
      ps.executeUpdate();
    }
  }

  /** The history entry Flyway writes for a migration that failed (DDL cannot roll back). */
  void addFailedEntry(Connection c, String version) throws SQLException {
    String q = dialect() == Dialect.H2 ? "\"" : "";
    String cols = String.join(", ", List.of("installed_rank", "version", "description", "type",
        "script", "installed_by", "execution_time", "success").stream().map(x -> q + x + q).toList());
    long rank = count("SELECT MAX(" + q + "installed_rank" + q + ") FROM " + q
        + Migrations.HISTORY_TABLE + q) + 1;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + q + Migrations.HISTORY_TABLE
        + q + " (" + cols + ") VALUES (?, ?, 'interrupted', 'SQL', 'V.sql', 'test', 1, FALSE)")) {
      ps.setLong(1, rank);
      ps.setString(2, version);
      ps.executeUpdate();
    }
  }

  /**
   * {@code stores} stores open one database at once, {@code rounds} times, from an empty database
   * (even rounds) or one of schema {@code from} (odd rounds): every open succeeds and the schema
   * ends at the latest version, with a single history entry per version.
   */
  void racingOpensAllSucceed(int stores, int rounds, String from) throws Exception {
    for (int r = 0; r < rounds; r++) {
      resetSchema();
      if (r % 2 == 1) {
        Flyway.configure(getClass().getClassLoader()).dataSource(new UrlDataSource(url()))
            .locations(dialect().migrations()).table(Migrations.HISTORY_TABLE).target(from)
            .load().migrate();
      }
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(stores);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(stores);
      try {
        List<java.util.concurrent.Future<JdbcStorage>> opens = new ArrayList<>();
        for (int i = 0; i < stores; i++) {
          opens.add(pool.submit(() -> {
            start.await();
            return JdbcStoreProvider.openStorage(StoreConfig.of(Map.of(JdbcStoreProvider.URL, url())));
          }));
        }
        List<Throwable> failures = new ArrayList<>();
        for (var f : opens) {
          try {
            Stores.over(f.get(120, java.util.concurrent.TimeUnit.SECONDS)).close();
          } catch (java.util.concurrent.ExecutionException e) {
            failures.add(e.getCause());
          }
        }
        assertEquals(List.of(), failures, "round " + r + ": every open succeeds");
      } finally {
        pool.shutdownNow();
      }
      assertEquals(latestVersion(), currentVersion(), "round " + r);
      String q = dialect() == Dialect.H2 ? "\"" : "";
      assertEquals(0, count("SELECT COUNT(*) FROM " + q + Migrations.HISTORY_TABLE + q
          + " WHERE " + q + "success" + q + " = FALSE"), "round " + r + ": no failed entry");
      assertEquals(Integer.parseInt(latestVersion()), count("SELECT COUNT(*) FROM " + q + Migrations.HISTORY_TABLE + q + " WHERE " + q + "version" + q
          + " <> '0'"), "round " + r + ": each version applied once");
      try (Connection c = DriverManager.getConnection(url())) {
        SchemaLock.createTable(c); // none is made where no store had to migrate (SQLite's odd rounds)
      }
      assertEquals(0, count("SELECT COUNT(*) FROM " + SchemaLock.TABLE), "round " + r + ": lock released");
    }
  }

  void convertsInPlace(String version, Interruption interruption) throws Exception {
    convertsInPlace(version, interruption, true);
  }

  /** With {@code everyFilter} false, the filters are not all tried (the rest is checked). */
  void convertsInPlace(String version, Interruption interruption, boolean everyFilter) throws Exception {
    resetSchema();
    Flyway.configure(getClass().getClassLoader())
        .dataSource(new UrlDataSource(url()))
        .locations(dialect().migrations())
        .table(Migrations.HISTORY_TABLE)
        .target(version)
        .load()
        .migrate();
    assertEquals(version, currentVersion(), "the database starts at schema " + version);
    assertEquals(32, columnWidth("ctr_container", "image_hash"), "schema " + version + " hashes");

    Map<Context, List<Container>> fixtures = fixtures();
    try (Connection c = DriverManager.getConnection(url())) {
      c.setAutoCommit(false);
      for (Map.Entry<Context, List<Container>> e : fixtures.entrySet()) {
        for (Container x : e.getValue()) {
          SchemaOne.insert(c, e.getKey().namespace(), x);
        }
      }
      // The old label rows of container c0003 hold "env=prod"; add a second row for it whose
      // 32-byte hashes differ from that row's but share their first 8 bytes, as two labels of
      // one container whose shortened hashes collide would. The conversion must keep one row,
      // not fail on the new primary key.
      SchemaOne.insertLabelRow(c, A.namespace(), "c0003",
          twin(SchemaOne.sha256("env")), twin(SchemaOne.sha256("prod")), "env-twin", "prod-twin");
      c.commit();
    }
    assertEquals(labelCount(fixtures) + 1, count("SELECT COUNT(*) FROM ctr_label"));
    try (Connection c = DriverManager.getConnection(url())) {
      c.setAutoCommit(true);
      interruption.apply(c);
    }

    JdbcStorage storage = JdbcStoreProvider.openStorage(
        StoreConfig.of(Map.of(JdbcStoreProvider.URL, url())));
    try (Store store = Stores.over(storage)) {
      assertEquals(latestVersion(), currentVersion(), "migrated to the latest schema");
      assertEquals(8, columnWidth("ctr_container", "image_hash"));
      assertEquals(8, columnWidth("ctr_container", "runtime_hash"));
      assertEquals(8, columnWidth("ctr_label", "key_hash"));
      assertEquals(8, columnWidth("ctr_label", "value_hash"));
      assertEquals(Set.of("ns", "id", "key_hash", "value_hash"), columns("ctr_label"));
      assertEquals(labelCount(fixtures), count("SELECT COUNT(*) FROM ctr_label"),
          "one row per label; the colliding twin merged into its row");

      for (Map.Entry<Context, List<Container>> e : fixtures.entrySet()) {
        Context ctx = e.getKey();
        List<Container> sorted = e.getValue().stream()
            .sorted(Comparator.comparing(Container::id)).toList();
        // Existing containers get revisions 1..n in id order; the namespace's counter is n, and
        // their writes left no events, so a watch from before n is told to list again.
        List<Container> all = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
          all.add(sorted.get(i).toBuilder().revision(i + 1).build());
        }
        assertEquals(all.size(), store.revision(ctx), "revision of " + ctx.namespace());
        assertThrows(RevisionCompactedException.class, () -> store.watch(ctx, 0));
        try (Watch w = store.watch(ctx, all.size())) {
          assertNull(w.poll(Duration.ZERO), "nothing happened since");
        }
        for (Container x : all) {
          assertEquals(x, store.get(ctx, x.id()), "get " + x.id());
          assertEquals(JdbcStoreTestBase.rows(x.labels()), labelRows(ctx, x.id()),
              "label rows of " + x.id());
        }
        assertEquals(all, store.list(ctx), "list of " + ctx.namespace());
        for (String[] f : everyFilter ? filters(all) : List.<String[]>of()) {
          Filter filter = Filters.parse(f);
          List<String> expected = all.stream().filter(filter).map(Container::id).toList();
          assertEquals(expected, ids(store.list(ctx, f)), "list " + Arrays.toString(f));
          if (Arrays.stream(f).noneMatch(s -> s.contains("!=") || s.contains("~="))) {
            // Answered by the converted hashes in SQL, not only by the Java re-check.
            assertEquals(expected, ids(storage.read(ctx, ctx.namespace(), r -> r.candidates(filter))),
                "push-down " + Arrays.toString(f));
          }
        }
      }
      assertFalse(store.list(A, "labels.env==prod").isEmpty());

      // Writes after the conversion find and keep the converted rows, and continue the revisions.
      long revisionBefore = store.revision(A);
      Watch watch = store.watch(A, revisionBefore);
      Container before = store.get(A, "c0004");
      String oldX = before.labels().get("x");
      store.update(A, Container.builder().id("c0004").label("x", "changed").label("new", "1")
          .build(), "labels.x", "labels.new", "labels.grp");
      Container after = store.get(A, "c0004");
      assertEquals(revisionBefore + 1, after.revision());
      Event updated = watch.poll(Duration.ofSeconds(5));
      watch.close();
      assertEquals(after, updated == null ? null : updated.container());
      assertEquals(List.of("c0004"), ids(store.list(A, "labels.x==changed")));
      assertEquals(List.of(), ids(store.list(A, "labels.x==" + oldX)));
      assertEquals(List.of("c0004"), ids(store.list(A, "labels.new==1")));
      assertFalse(ids(store.list(A, "labels.grp")).contains("c0004"), "grp was removed");
      assertEquals(JdbcStoreTestBase.rows(after.labels()), labelRows(A, "c0004"));

      store.delete(A, "c0003");
      assertThrows(NotFoundException.class, () -> store.get(A, "c0003"));
      assertEquals(Set.of(), labelRows(A, "c0003"), "a converted container's rows go with it");
      assertFalse(ids(store.list(A, "labels.env==prod")).contains("c0003"));

      store.create(A, Container.builder().id("fresh").runtime("io.containerd.runc.v2")
          .spec(Any.getDefaultInstance()).image("img-a").label("env", "prod").build());
      assertTrue(ids(store.list(A, "labels.env==prod", "image==img-a")).contains("fresh"));
    }
  }

  // ------------------------------------------------------------------ data

  /** Containers as a store would have returned them (timestamps in microseconds). */
  static Map<Context, List<Container>> fixtures() {
    Map<Context, List<Container>> out = new LinkedHashMap<>();
    List<Container> a = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String id = String.format(Locale.ROOT, "c%04d", i);
      Container.Builder b = Container.builder()
          .id(id)
          .image(i % 3 == 0 ? "" : i % 3 == 1 ? "docker.io/library/redis:7.2" : "img-a")
          .runtime(i % 4 == 0 ? new RuntimeInfo("io.containerd.kata.v2",
              Any.newBuilder().setTypeUrl("runc.options").setValue(ByteString.copyFrom(new byte[] {1, 0, 2})).build())
              : new RuntimeInfo("io.containerd.runc.v2", null))
          .spec(Any.newBuilder().setTypeUrl("types.containerd.io/opencontainers/runtime-spec/1/Spec")
              .setValue(ByteString.copyFromUtf8("{\"ociVersion\":\"1.1.0\",\"n\":" + i + "}")).build())
          .snapshotter(i % 2 == 0 ? "overlayfs" : "")
          .snapshotKey(i % 2 == 0 ? id + "-snap" : "")
          .sandboxId(i % 5 == 0 ? "sb-" + i : "")
          .createdAt(T0.plusSeconds(i))
          .updatedAt(T0.plusSeconds(i).plusNanos(1_000));
      if (i % 10 != 9) { // every tenth container has no labels at all
        b.label("grp", Integer.toString(i % 7))
            .label("x", Integer.toString(i))
            .label("k" + (i % 5), "v");
      }
      if (i % 3 == 0) {
        b.label("env", "prod");
      } else if (i % 3 == 1) {
        b.label("env", "dev");
      }
      if (i == 7) {
        b.label("\u00fcml\u00e4ut \uD83D\uDC33", "\u4e2d\u6587 value")
            .label("a\u0000b", "x\u0000y")
            .label("long", "v".repeat(4092)); // key + value = 4096 bytes
      }
      if (i == 8) {
        b.extension("ext.a", Any.newBuilder().setTypeUrl("t/a").setValue(ByteString.copyFromUtf8("A")).build())
            .extension("ext.b", Any.getDefaultInstance());
      }
      a.add(b.build());
    }
    out.put(A, a);
    out.put(B, List.of(
        Container.builder().id("c0003").runtime("io.containerd.runc.v2").spec(Any.getDefaultInstance())
            .image("img-a").label("env", "staging").createdAt(T0).updatedAt(T0).build(),
        Container.builder().id("other").runtime("io.containerd.runsc.v1").spec(Any.getDefaultInstance())
            .label("env", "prod").label("team", "b").createdAt(T0).updatedAt(T0).build()));
    return out;
  }

  static List<String[]> filters(List<Container> all) {
    List<String[]> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Container c : all) {
      for (Map.Entry<String, String> l : c.labels().entrySet()) {
        if (!l.getKey().matches("[A-Za-z0-9_]+") || !l.getValue().matches("[A-Za-z0-9_.]+")) {
          continue; // quoting is the parser's business, tested elsewhere
        }
        out.add(new String[] {"labels." + l.getKey() + "==" + l.getValue()});
        keys.add(l.getKey());
      }
    }
    for (String k : keys) {
      out.add(new String[] {"labels." + k});
    }
    out.add(new String[] {"labels.\"\u00fcml\u00e4ut \uD83D\uDC33\"==\"\u4e2d\u6587 value\""});
    out.add(new String[] {"labels.\"\u00fcml\u00e4ut \uD83D\uDC33\""});
    out.add(new String[] {"labels.long==" + "v".repeat(4092)});
    out.add(new String[] {"labels.env==prod,image==img-a"});
    out.add(new String[] {"labels.env==prod", "runtime.name==io.containerd.kata.v2"});
    out.add(new String[] {"image==docker.io/library/redis:7.2"});
    out.add(new String[] {"image==img-a"});
    out.add(new String[] {"image==img-b"});
    out.add(new String[] {"image"});
    out.add(new String[] {"runtime.name==io.containerd.kata.v2"});
    out.add(new String[] {"runtime.name==io.containerd.runc.v2"});
    out.add(new String[] {"runtime.name==io.containerd.runsc.v1"});
    out.add(new String[] {"runtime.name"});
    out.add(new String[] {"id==c0005"});
    out.add(new String[] {"labels.env==prod,labels.grp==3"});
    out.add(new String[] {"labels.env!=prod"});
    out.add(new String[] {"labels.env==dev,labels.x~=^1"});
    out.add(new String[] {"labels.nosuch"});
    out.add(new String[] {"labels.env==nosuch"});
    return out;
  }

  static int labelCount(Map<Context, List<Container>> fixtures) {
    return fixtures.values().stream().flatMap(List::stream).mapToInt(c -> c.labels().size()).sum();
  }

  /** {@code hash} with its first 8 bytes kept and the rest changed. */
  static byte[] twin(byte[] hash) {
    byte[] t = hash.clone();
    for (int i = 8; i < t.length; i++) {
      t[i] = (byte) ~t[i];
    }
    return t;
  }

  static List<String> ids(List<Container> cs) {
    return cs.stream().map(Container::id).toList();
  }

  // ------------------------------------------------------------------ reading the database

  String currentVersion() throws SQLException {
    String table = dialect() == Dialect.H2 ? "\"" + Migrations.HISTORY_TABLE + "\"" : Migrations.HISTORY_TABLE;
    String version = dialect() == Dialect.H2 ? "\"version\"" : "version";
    String success = dialect() == Dialect.H2 ? "\"success\"" : "success";
    String rank = dialect() == Dialect.H2 ? "\"installed_rank\"" : "installed_rank";
    try (Connection c = DriverManager.getConnection(url());
        PreparedStatement ps = c.prepareStatement("SELECT " + version + " FROM " + table
            + " WHERE " + success + " = TRUE AND " + version + " IS NOT NULL ORDER BY " + rank + " DESC");
        ResultSet rs = ps.executeQuery()) {
      assertTrue(rs.next(), "no applied migration");
      return rs.getString(1);
    }
  }

  /** The declared length of a column, from the information schema. */
  int columnWidth(String table, String column) throws SQLException {
    try (Connection c = DriverManager.getConnection(url());
        PreparedStatement ps = c.prepareStatement("SELECT CHARACTER_OCTET_LENGTH, IS_NULLABLE"
            + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = " + schemaExpression()
            + " AND LOWER(TABLE_NAME) = ? AND LOWER(COLUMN_NAME) = ?")) {
      ps.setString(1, table);
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), table + "." + column + " exists");
        assertEquals("NO", rs.getString(2), table + "." + column + " stays NOT NULL");
        return rs.getInt(1);
      }
    }
  }

  Set<String> columns(String table) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url());
        PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
            + " WHERE TABLE_SCHEMA = " + schemaExpression() + " AND LOWER(TABLE_NAME) = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  private String schemaExpression() {
    return dialect() == Dialect.H2 ? "CURRENT_SCHEMA" : "DATABASE()";
  }

  long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url());
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  Set<LabelRow> labelRows(Context ctx, String id) throws SQLException {
    Set<LabelRow> out = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url());
        PreparedStatement ps = c.prepareStatement(
            "SELECT key_hash, value_hash FROM ctr_label WHERE ns = ? AND id = ?")) {
      ps.setBytes(1, Codec.utf8(ctx.namespace()));
      ps.setBytes(2, Codec.utf8(id));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new LabelRow(ByteBuffer.wrap(rs.getBytes(1)).getLong(),
              ByteBuffer.wrap(rs.getBytes(2)).getLong()));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ schema 1's writer

  /** How the store of schema 1 wrote a container: its statements, with 32-byte SHA-256 hashes. */
  static final class SchemaOne {
    private SchemaOne() {}

    static void insert(Connection c, String ns, Container x) throws Exception {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ctr_container (ns, id, image,"
          + " image_hash, runtime_name, runtime_hash, runtime_options_type_url,"
          + " runtime_options_value, spec_type_url, spec_value, snapshotter, snapshot_key,"
          + " sandbox_id, labels, extensions, created_at, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        Any options = x.runtime().options();
        @SuppressWarnings("unchecked")
        Map<String, Any> extensions = (Map<String, Any>) (Map<String, ?>) x.extensions();
        ps.setBytes(1, Codec.utf8(ns));
        ps.setBytes(2, Codec.utf8(x.id()));
        ps.setBytes(3, Codec.utf8(x.image()));
        ps.setBytes(4, sha256(x.image()));
        ps.setBytes(5, Codec.utf8(x.runtime().name()));
        ps.setBytes(6, sha256(x.runtime().name()));
        if (options == null) {
          ps.setNull(7, Types.VARBINARY);
          ps.setNull(8, Types.VARBINARY);
        } else {
          ps.setBytes(7, Codec.utf8(options.getTypeUrl()));
          ps.setBytes(8, options.getValue().toByteArray());
        }
        ps.setBytes(9, Codec.utf8(x.spec().getTypeUrl()));
        ps.setBytes(10, x.spec().getValue().toByteArray());
        ps.setBytes(11, Codec.utf8(x.snapshotter()));
        ps.setBytes(12, Codec.utf8(x.snapshotKey()));
        ps.setBytes(13, Codec.utf8(x.sandboxId()));
        ps.setBytes(14, Codec.encodeLabels(x.labels()));
        ps.setBytes(15, Codec.encodeExtensions(extensions));
        ps.setLong(16, Codec.micros(x.createdAt()));
        ps.setLong(17, Codec.micros(x.updatedAt()));
        assertEquals(1, ps.executeUpdate());
      }
      for (Map.Entry<String, String> l : new TreeMap<>(x.labels()).entrySet()) {
        insertLabelRow(c, ns, x.id(), sha256(l.getKey()), sha256(l.getValue()), l.getKey(), l.getValue());
      }
    }

    static void insertLabelRow(Connection c, String ns, String id, byte[] keyHash,
        byte[] valueHash, String key, String value) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ctr_label"
          + " (ns, id, key_hash, value_hash, label_key, label_value) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setBytes(1, Codec.utf8(ns));
        ps.setBytes(2, Codec.utf8(id));
        ps.setBytes(3, keyHash);
        ps.setBytes(4, valueHash);
        ps.setBytes(5, Codec.utf8(key));
        ps.setBytes(6, Codec.utf8(value));
        assertEquals(1, ps.executeUpdate());
      }
    }

    static byte[] sha256(String s) throws Exception {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A DataSource over DriverManager, for Flyway. */
  record UrlDataSource(String url) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return DriverManager.getConnection(url, username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
