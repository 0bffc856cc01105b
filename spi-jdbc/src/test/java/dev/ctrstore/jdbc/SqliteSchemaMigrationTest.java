package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.Store;
import dev.ctrstore.testing.SqliteTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.Stores;
import dev.ctrstore.Watch;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Filters;
import dev.ctrstore.spi.StoreConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQLite schema under the same migration machinery as H2 and MySQL: stores racing to open
 * one file, schema 1 interrupted after each of its statements, a newer schema refused. SQLite
 * started at the shape the others reached by conversion; its schema 2 rebuilds the container and
 * change-log tables as rowid tables, tested on a filled schema-1 file, whole and interrupted.
 */
class SqliteSchemaMigrationTest extends SchemaMigrationTestBase {
  @RegisterExtension static final SqliteTestDatabase DB = new SqliteTestDatabase();

  private static final String SCHEMA_ONE =
      "dev/ctrstore/jdbc/migration/sqlite/V1__containers_labels_and_change_log.sql";
  private static final String SCHEMA_TWO =
      "dev/ctrstore/jdbc/migration/sqlite/V2__rowid_tables_for_container_and_event_rows.sql";

  @Override
  String url() {
    return DB.url();
  }

  @Override
  Dialect dialect() {
    return Dialect.SQLITE;
  }

  @Override
  String latestVersion() {
    return "2";
  }

  /** SQLite's schema 1 already has 8-byte hashes and hash-only label rows. */
  @Override
  String labelConversionScript() {
    return SCHEMA_ONE;
  }

  @Override
  String labelConversionVersion() {
    return "1";
  }

  /** SQLite's schema 1 also creates the revision counter and the change log. */
  @Override
  String revisionsScript() {
    return SCHEMA_ONE;
  }

  @Test
  void racingOpensAllSucceed() throws Exception {
    racingOpensAllSucceed(4, 6, "1");
  }

  /**
   * Schema 1 stopped after each of its statements in turn (Flyway runs it in one transaction,
   * but a file copied mid-way, or a tool run by hand, can leave it so), with a dead store's lock
   * and, every other time, a failed history entry: the next store undoes it and runs it again.
   */
  @Test
  void interruptedSchemaOneIsRunAgain() throws Exception {
    List<String> steps = statements(SCHEMA_ONE);
    assertTrue(steps.size() >= 6, "schema 1 has several steps: " + steps);
    for (int k = 1; k <= steps.size(); k++) {
      resetSchema();
      // A store that died in schema 1 had created Flyway's history table first.
      Flyway.configure(getClass().getClassLoader()).dataSource(new UrlDataSource(url()))
          .locations(dialect().migrations()).table(Migrations.HISTORY_TABLE)
          .baselineVersion("0").load().baseline();
      try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
        for (String step : steps.subList(0, k)) {
          s.execute(step);
        }
        leaveExpiredLock(c);
        if (k % 2 == 1) {
          addFailedEntry(c, "1");
        }
      }
      try (Store store = JdbcStores.open(url())) {
        store.create(A, Container.builder().id("c" + k).runtime("rt").spec(Any.getDefaultInstance())
            .build());
        assertEquals(1, store.list(A).size(), "after " + k + " steps");
        assertEquals(1, store.revision(A));
      }
      assertEquals(latestVersion(), currentVersion(), "after " + k + " steps");
    }
  }

  @Test
  void schemaOneIsRebuiltInPlace() throws Exception {
    rebuildsSchemaOne(c -> { });
  }

  /**
   * Schema 2 stopped after each of its statements in turn (as if run by hand: Flyway runs it in
   * one transaction), with a dead store's lock and, every other time, a failed history entry: the
   * next store puts back or finishes the table swap it left and runs schema 2 again, losing
   * nothing.
   */
  @Test
  void interruptedSchemaTwoIsRunAgain() throws Exception {
    List<String> steps = statements(SCHEMA_TWO);
    assertTrue(steps.size() >= 8, "schema 2 has several steps: " + steps);
    for (int k = 1; k <= steps.size(); k++) {
      int done = k;
      rebuildsSchemaOne(c -> {
        try (Statement s = c.createStatement()) {
          for (String step : steps.subList(0, done)) {
            s.execute(step);
          }
        }
        leaveExpiredLock(c);
        if (done % 2 == 1) {
          addFailedEntry(c, "2");
        }
      });
    }
  }

  /**
   * A schema-1 file filled by the library's own row writers (containers, label rows, revisions
   * and the change log of creates, an update and a delete), then {@code interruption}, then a
   * store: everything reads back as written, from the rebuilt rowid tables, and writes go on.
   */
  private void rebuildsSchemaOne(Interruption interruption) throws Exception {
    resetSchema();
    Flyway.configure(getClass().getClassLoader()).dataSource(new UrlDataSource(url()))
        .locations(dialect().migrations()).table(Migrations.HISTORY_TABLE).target("1").load()
        .migrate();
    assertEquals("1", currentVersion());
    Map<Context, List<Container>> expected = new LinkedHashMap<>();
    Map<Context, List<Event>> events = new LinkedHashMap<>();
    Jdbi jdbi = Jdbi.create(url());
    for (Map.Entry<Context, List<Container>> e : fixtures().entrySet()) {
      String ns = e.getKey().namespace();
      List<Event> log = new ArrayList<>();
      Map<String, Container> stored = new TreeMap<>();
      jdbi.useTransaction(h -> {
        ContainerWrites w = new ContainerWrites(Session.of(h), ns, new Errors(Dialect.SQLITE, url()),
            Dialect.SQLITE);
        for (Container x : e.getValue()) {
          long r = w.nextRevision();
          Container c = x.toBuilder().revision(r).build();
          assertTrue(w.insert(c));
          log.add(Event.of(Event.Type.CREATED, ns, r, c));
          stored.put(c.id(), c);
        }
        String first = e.getValue().get(0).id();
        Container previous = w.getForUpdate(first);
        long r = w.nextRevision();
        Container next = previous.toBuilder().label("env", "updated").revision(r).build();
        w.replace(previous, next);
        log.add(Event.of(Event.Type.UPDATED, ns, r, next));
        stored.put(first, next);
        String last = e.getValue().get(e.getValue().size() - 1).id();
        Container gone = w.getForUpdate(last);
        r = w.nextRevision();
        assertTrue(w.delete(last));
        log.add(Event.of(Event.Type.DELETED, ns, r, gone));
        stored.remove(last);
        log.forEach(w::append);
      });
      expected.put(e.getKey(), new ArrayList<>(stored.values()));
      events.put(e.getKey(), log);
    }
    try (Connection c = DriverManager.getConnection(url())) {
      interruption.apply(c);
    }

    JdbcStorage storage = JdbcStoreProvider.openStorage(
        StoreConfig.of(Map.of(JdbcStoreProvider.URL, url())));
    try (Store store = Stores.over(storage)) {
      assertEquals("2", currentVersion());
      assertEquals(0, count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
          + " AND name IN ('ctr_container', 'ctr_event') AND sql LIKE '%WITHOUT ROWID%'"),
          "ctr_container and ctr_event are rowid tables");
      assertEquals(0, count("SELECT COUNT(*) FROM sqlite_master"
          + " WHERE name IN ('ctr_container_v2', 'ctr_event_v2')"), "no staged copy is left");
      assertEquals(4, count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"
          + " AND name IN ('ctr_container_key', 'ctr_container_image', 'ctr_container_runtime',"
          + " 'ctr_event_key')"));
      for (Map.Entry<Context, List<Container>> e : expected.entrySet()) {
        Context ctx = e.getKey();
        List<Container> all = e.getValue();
        assertEquals(all, store.list(ctx), "list of " + ctx.namespace());
        for (Container x : all) {
          assertEquals(x, store.get(ctx, x.id()));
          assertEquals(JdbcStoreTestBase.rows(x.labels()), labelRows(ctx, x.id()));
        }
        for (String[] f : filters(all)) {
          Filter filter = Filters.parse(f);
          List<String> want = all.stream().filter(filter).map(Container::id).toList();
          assertEquals(want, ids(store.list(ctx, f)), "list " + Arrays.toString(f));
          if (Arrays.stream(f).noneMatch(x -> x.contains("!=") || x.contains("~="))) {
            // Answered in SQL through the rebuilt tables' indexes, not only by the Java re-check.
            assertEquals(want, ids(storage.read(ctx, ctx.namespace(), r -> r.candidates(filter))),
                "push-down " + Arrays.toString(f));
          }
        }
        List<Event> log = events.get(ctx);
        assertEquals(log.size(), store.revision(ctx));
        List<Event> seen = new ArrayList<>();
        try (Watch w = store.watch(ctx, 0)) {
          for (Event ev = w.poll(Duration.ofSeconds(5)); ev != null;
              ev = seen.size() == log.size() ? null : w.poll(Duration.ofSeconds(5))) {
            seen.add(ev);
          }
        }
        assertEquals(log, seen, "the change log of " + ctx.namespace());
      }
      long before = store.revision(A);
      Container fresh = store.create(A, Container.builder().id("fresh").runtime("rt")
          .spec(Any.getDefaultInstance()).label("env", "prod").build());
      assertEquals(before + 1, fresh.revision());
      assertTrue(ids(store.list(A, "labels.env==prod")).contains("fresh"));
      store.delete(A, "fresh");
      assertEquals(before + 2, store.revision(A));
    }
  }

  @Test
  void newerSchemaIsRefused() throws Exception {
    resetSchema();
    JdbcStores.open(url()).close();
    try (Connection c = DriverManager.getConnection(url()); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO " + Migrations.HISTORY_TABLE + " (installed_rank, version,"
          + " description, type, script, checksum, installed_by, execution_time, success)"
          + " VALUES (99, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'test', 0, TRUE)");
    }
    FailedPreconditionException e = assertThrows(FailedPreconditionException.class,
        () -> JdbcStores.open(url()));
    assertTrue(e.getMessage().contains("999") && e.getMessage().contains("newer"), e.getMessage());
  }
}
