package dev.ctrstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.jdbc.JdbcStoreProvider;
import dev.ctrstore.jdbc.JdbcStores;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No N+1: the number of SQL statements each operation sends is fixed, whatever the number of
 * labels or of matching containers (label rows go in one JDBC batch, lists are one query,
 * streams one query per page). Counted at the JDBC driver ({@link CountingDriver}), on H2 and,
 * when {@code CTRSTORE_TEST_MYSQL_URL} names a server, on MySQL/MariaDB.
 */
class StatementCountTest {
  @Test
  void h2() {
    check("jdbc:h2:mem:stmtcount" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
  }

  @Test
  void mysql() {
    String url = System.getenv("CTRSTORE_TEST_MYSQL_URL");
    if (url == null || url.isBlank()) {
      url = System.getProperty("ctrstore.test.mysql.url");
    }
    assumeTrue(url != null && !url.isBlank(), "CTRSTORE_TEST_MYSQL_URL is not set");
    check(url);
  }

  private static void check(String url) {
    Context ctx = Context.withNamespace("stmt" + Long.toHexString(System.nanoTime()));
    // One pooled connection, opened (and its connectionInitSql run) before counting starts.
    try (Store store = JdbcStores.open(Map.of(JdbcStoreProvider.URL, url,
        JdbcStoreProvider.POOL_PREFIX + "driverClassName", CountingDriver.class.getName(),
        JdbcStoreProvider.POOL_PREFIX + "maximumPoolSize", "1"))) {
      store.list(ctx); // the pool's connection is set up (connectionInitSql) before counting
      // The namespace's first write also inserts its revision counter row (H2: one statement more).
      store.create(ctx, Fixtures.container("first", 1));
      // Every write also takes the next revision (one statement) and appends its event (one).
      // create: the counter first (docs/revisions.md, lock order; no read of its id), the row,
      // then every label in one batch
      assertStatements(4, "create with 3 labels",
          () -> store.create(ctx, Fixtures.container("a", 1)));
      assertStatements(4, "create with 50 labels",
          () -> store.create(ctx, withLabels("b", 50)));
      assertStatements(3, "create of a container with no labels (no label batch)",
          () -> store.create(ctx, Fixtures.container("c", 2).toBuilder().labels(Map.of()).build()));
      // get: one query, however many labels
      assertStatements(1, "get", () -> store.get(ctx, "b"));
      // update: lock-and-read, the row, one batch per kind of label change
      assertStatements(5, "update labels.x",
          () -> store.update(ctx, Container.builder().id("a").label("x", "y").build(), "labels.x"));
      // "a" has grp, x, k1: keep none of x and k1 (removed), change grp, add 20 labels:
      // one batch for each kind of change, never a statement per label.
      Container replaced = withLabels("a", 20).toBuilder().label("grp", "changed").build();
      assertStatements(7, "update replacing labels (2 removed, 1 changed, 20 added)",
          () -> store.update(ctx, replaced, "labels"));
      assertStatements(5, "update adding 20 more labels", () -> {
        Container.Builder more = store.get(ctx, "a").toBuilder();
        CountingDriver.reset(); // the get above is not part of the update
        for (int i = 0; i < 20; i++) {
          more.label("m" + i, "w" + i);
        }
        return store.update(ctx, more.build(), "labels");
      });
      assertStatements(4, "update of the spec only (no label change)",
          () -> store.update(ctx, Container.builder().id("a").spec(Fixtures.spec(9)).build(), "spec"));
      // delete: lock-and-read the container (whose labels find the label rows, keyed by label,
      // not by container), the revision, the row, one batch of label rows, the event
      assertStatements(5, "delete of a container with 50 labels", () -> {
        store.delete(ctx, "b");
        return null;
      });
      assertStatements(4, "delete of a container with no labels (no label batch)", () -> {
        store.delete(ctx, "c");
        return null;
      });

      for (int i = 0; i < 1000; i++) {
        store.create(ctx, Fixtures.container(Fixtures.id(i), i));
      }
      // list: one query, whatever the number of results or of labels
      assertStatements(1, "list of 1003 containers", () -> store.list(ctx));
      assertStatements(1, "list labels.grp==7", () -> store.list(ctx, "labels.grp==7"));
      assertStatements(1, "list id==", () -> store.list(ctx, "id==" + Fixtures.id(5)));
      assertStatements(1, "list of two filters (OR)",
          () -> store.list(ctx, "labels.grp==7", "labels.k8"));
      // stream: one query per page of 500
      assertStatements(3, "stream of 1003 containers", () -> {
        try (Stream<Container> s = store.stream(ctx)) {
          return s.count();
        }
      });
    } finally {
      removeNamespace(url, ctx.namespace());
    }
  }

  /** Leaves a shared test database as it was. */
  private static void removeNamespace(String url, String ns) {
    try (Connection c = DriverManager.getConnection(url)) {
      for (String table : List.of("ctr_label", "ctr_container", "ctr_event", "ctr_revision")) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE ns = ?")) {
          ps.setBytes(1, ns.getBytes(StandardCharsets.UTF_8));
          ps.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Container withLabels(String id, int n) {
    Container.Builder b = Fixtures.container(id, 3).toBuilder().labels(Map.of());
    for (int i = 0; i < n; i++) {
      b.label("l" + i, "v" + i);
    }
    return b.build();
  }

  private static final java.util.Set<String> CONTROL = java.util.Set.of("START TRANSACTION", "COMMIT", "ROLLBACK");

  private static void assertStatements(int expected, String what, Supplier<?> op) {
    CountingDriver.reset();
    op.get();
    List<String> log = CountingDriver.log();
    // On MySQL a transaction is bracketed by statements (one round trip each, instead of JDBC's
    // SET autocommit before and after): at most one bracket per operation, never per row.
    List<String> control = log.stream().filter(CONTROL::contains).toList();
    List<String> data = log.stream().filter(st -> !CONTROL.contains(st)).toList();
    assertEquals(expected, data.size(), what + ": statements sent: " + String.join("\n  ", log));
    assertTrue(control.isEmpty() || control.equals(List.of("START TRANSACTION", "COMMIT")),
        what + ": transaction statements sent: " + control);
  }
}
