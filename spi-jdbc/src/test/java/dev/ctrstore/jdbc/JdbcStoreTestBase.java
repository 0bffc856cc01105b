package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.AlreadyExistsException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.RuntimeInfo;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import dev.ctrstore.Stores;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.FilterFixtures;
import dev.ctrstore.filter.Filters;
import dev.ctrstore.memory.MemoryStoreProvider;
import dev.ctrstore.spi.StoreConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.ctrstore.AbortedException;
import dev.ctrstore.ErrorKind;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The JDBC backend's own checks, run on each database by a subclass. Each test works in a fresh
 * namespace, so nothing leaks between tests or runs.
 */
abstract class JdbcStoreTestBase {
  private interface F {
    static Filter filter(List<dev.ctrstore.filter.Selector>... alternatives) {
      return FilterFixtures.filter(alternatives);
    }

    static dev.ctrstore.filter.Selector sel(dev.ctrstore.filter.Operator op, String value, String... path) {
      return FilterFixtures.sel(op, value, path);
    }

    static dev.ctrstore.filter.Selector incomparable(String value, String... path) {
      return FilterFixtures.incomparable(value, path);
    }
  }

  private static final dev.ctrstore.filter.Operator EQ = dev.ctrstore.filter.Operator.EQUALS;
  private static final dev.ctrstore.filter.Operator NE = dev.ctrstore.filter.Operator.NOT_EQUALS;
  private static final dev.ctrstore.filter.Operator PRESENT = dev.ctrstore.filter.Operator.PRESENT;
  private static final dev.ctrstore.filter.Operator MATCHES = dev.ctrstore.filter.Operator.MATCHES;

  /** The JDBC URL of the database under test. */
  abstract String url();

  JdbcStorage storage;
  Store store;
  Context ctx;
  String ns;

  @BeforeEach
  void openStore() {
    storage = JdbcStoreProvider.openStorage(config());
    store = Stores.over(storage);
    ns = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ctx = Context.withNamespace(ns);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  StoreConfig config() {
    return StoreConfig.of(Map.of(JdbcStoreProvider.URL, url()));
  }

  @Test
  void describesTheDatabaseItOpened() throws Exception {
    dev.ctrstore.StoreInfo info = store.info();
    assertEquals("jdbc", info.backend());
    Dialect dialect = Dialect.of(url());
    switch (dialect) {
      case H2 -> assertEquals("h2database", info.system());
      case SQLITE -> assertEquals("sqlite", info.system());
      case MYSQL -> assertTrue(java.util.Set.of("mariadb", "mysql").contains(info.system()),
          info.system());
    }
    assertFalse(info.database().isEmpty(), "database name");
    assertEquals(Urls.mask(url()), info.location());
    String dir = "dev/ctrstore/jdbc/migration/" + dialect.folder();
    int latest;
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
        getClass().getClassLoader().getResource(dir).toURI()))) {
      latest = files.map(f -> f.getFileName().toString())
          .filter(n -> n.matches("V\\d+__.*\\.sql"))
          .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
          .max().orElseThrow();
    }
    assertEquals(String.valueOf(latest), info.schemaVersion());
  }

  // ------------------------------------------------------------------ helpers

  static Any any(String typeUrl, byte[] value) {
    return Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFrom(value)).build();
  }

  static Any spec() {
    return any("types.containerd.io/opencontainers/runtime-spec/1/Spec", "{\"ociVersion\":\"1.1.0\"}".getBytes());
  }

  static Container.Builder container(String id) {
    return Container.builder().id(id).runtime("io.containerd.runc.v2").spec(spec());
  }

  static Filter parse(String... filters) {
    return Filters.parse(filters);
  }

  List<String> ids(List<Container> cs) {
    return cs.stream().map(Container::id).toList();
  }

  /**
   * Rows of the label index for one container, read straight from the database: the pairs of
   * 8-byte hashes (ctr_label holds no key or value).
   */
  Set<LabelRow> labelRows(String id) throws SQLException {
    Set<LabelRow> out = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url());
        PreparedStatement ps = c.prepareStatement(
            "SELECT key_hash, value_hash FROM ctr_label WHERE ns = ? AND id = ?")) {
      ps.setBytes(1, Codec.utf8(ns));
      ps.setBytes(2, Codec.utf8(id));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byte[] k = rs.getBytes(1);
          byte[] v = rs.getBytes(2);
          assertEquals(8, k.length, "key_hash width");
          assertEquals(8, v.length, "value_hash width");
          assertTrue(out.add(new LabelRow(ByteBuffer.wrap(k).getLong(),
              ByteBuffer.wrap(v).getLong())), "one row per hash pair");
        }
      }
    }
    return out;
  }

  /** The label index rows that {@code labels} should have: first 8 bytes of SHA-256 of key and value. */
  static Set<LabelRow> rows(Map<String, String> labels) throws Exception {
    Set<LabelRow> out = new HashSet<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Map.Entry<String, String> e : labels.entrySet()) {
      long k = ByteBuffer.wrap(sha.digest(e.getKey().getBytes(StandardCharsets.UTF_8))).getLong();
      long v = ByteBuffer.wrap(sha.digest(e.getValue().getBytes(StandardCharsets.UTF_8))).getLong();
      out.add(new LabelRow(k, v));
    }
    assertEquals(labels.size(), out.size(), "no two test labels share a hash pair");
    return out;
  }

  // ------------------------------------------------------------------ round trips

  @Test
  void everyFieldRoundTrips() throws Exception {
    Container in = container("web-1")
        .labels(Map.of("env", "prod", "tier", "front end", "x.y/z", "a=b"))
        .image("docker.io/library/nginx:1.27")
        .runtime(new RuntimeInfo("io.containerd.runc.v2", any("runc.options", new byte[] {1, 2, 0, 3})))
        .spec(any("spec.type", new byte[] {9, 8, 7}))
        .snapshotter("overlayfs")
        .snapshotKey("web-1-snap")
        .extensions(Map.of("ext.a", any("t/a", new byte[] {0}), "ext.b", any("", new byte[0])))
        .sandboxId("sb 1 !!")
        .build();
    Container created = store.create(ctx, in);
    Container got = store.get(ctx, "web-1");
    assertEquals(created, got);
    assertEquals(in.labels(), got.labels());
    assertEquals(in.extensions(), got.extensions());
    assertEquals(in.runtime(), got.runtime());
    assertEquals("sb 1 !!", got.sandboxId());
    assertEquals(List.of(created), store.list(ctx));
    assertEquals(rows(in.labels()), labelRows("web-1"));
  }

  @Test
  void emptyAnyIsNotNull() {
    store.create(ctx, container("empty-spec").spec(Any.getDefaultInstance()).build());
    store.create(ctx, container("empty-options")
        .runtime(new RuntimeInfo("rt", Any.getDefaultInstance())).build());
    Container a = store.get(ctx, "empty-spec");
    assertEquals(Any.getDefaultInstance(), a.spec());
    assertNull(a.runtime().options(), "no options stay no options");
    Container b = store.get(ctx, "empty-options");
    assertNotNull(b.runtime().options(), "an empty Any stays a value");
    assertEquals(Any.getDefaultInstance(), b.runtime().options());
  }

  @Test
  void oneMebibyteSpecRoundTrips() {
    byte[] big = new byte[1 << 20];
    new Random(1).nextBytes(big);
    Container created = store.create(ctx, container("big").spec(any("big/spec", big)).build());
    Container got = store.get(ctx, "big");
    assertEquals(created, got);
    assertEquals(ByteString.copyFrom(big), got.spec().getValue());
    assertEquals(1, store.list(ctx).size());
  }

  @Test
  void labelOfExactly4096BytesRoundTrips() throws Exception {
    String longValue = "v".repeat(4095); // "k" + value = 4096 bytes
    String longKey = "k".repeat(4093) + "\u00e9"; // 4095 bytes; + "v" = 4096 bytes
    Container created = store.create(ctx, container("l")
        .label("k", longValue)
        .label(longKey, "v")
        .build());
    Container got = store.get(ctx, "l");
    assertEquals(created, got);
    assertEquals(longValue, got.labels().get("k"));
    assertEquals(rows(created.labels()), labelRows("l"));
  }

  @Test
  void thousandLabelsRoundTripAndUpdate() throws Exception {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      labels.put("label/" + i, "value " + i);
    }
    Container created = store.create(ctx, container("many").labels(labels).build());
    assertEquals(labels, store.get(ctx, "many").labels());
    assertEquals(created, store.get(ctx, "many"));

    Map<String, String> next = new TreeMap<>(labels);
    next.remove("label/1");
    next.put("label/2", "changed");
    next.put("label/new", "added");
    Container updated = store.update(ctx, container("many").labels(next).build(), "labels");
    assertEquals(next, updated.labels());
    assertEquals(updated, store.get(ctx, "many"));
    assertEquals(rows(next), labelRows("many"));
  }

  @Test
  void nulAndEmojiInLabels() throws Exception {
    Map<String, String> labels = Map.of(
        "a\u0000b", "x\u0000y",
        "emoji\uD83D\uDE00", "\uD83D\uDC33 whale",
        "\u00fcml\u00e4ut", "\u4e2d\u6587");
    store.create(ctx, container("u").labels(labels).build());
    assertEquals(labels, store.get(ctx, "u").labels());
    assertEquals(rows(labels), labelRows("u"));
  }

  @Test
  void trailingSpacesAndCaseAreSignificant() throws Exception {
    store.create(ctx, container("a").labels(Map.of("k", "v", "k ", "v ", "K", "V")).build());
    store.create(ctx, container("A").image("img").build());
    Container a = store.get(ctx, "a");
    assertEquals(Map.of("k", "v", "k ", "v ", "K", "V"), a.labels());
    assertEquals("img", store.get(ctx, "A").image());
    assertEquals("", a.image());
    assertEquals(List.of("A", "a"), ids(store.list(ctx)));
    assertThrows(AlreadyExistsException.class, () -> store.create(ctx, container("a").build()));
    assertThrows(NotFoundException.class, () -> store.get(ctx, "a "));
  }

  @Test
  void listIsOrderedByIdBytes() {
    List<String> expected = List.of("0", "9z", "B", "Z", "a", "a-0", "a-1", "a.1", "a1", "a_1", "aa", "b", "x_x");
    List<String> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(7));
    for (String id : shuffled) {
      store.create(ctx, container(id).build());
    }
    assertEquals(expected, ids(store.list(ctx)));
    try (Stream<Container> s = store.stream(ctx)) {
      assertEquals(expected, s.map(Container::id).toList());
    }
  }

  @Test
  void streamPagesThroughMoreThanOnePage() {
    int n = Pages.PAGE_SIZE * 2 + 17;
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format("c%05d", i);
      expected.add(id);
    }
    // insert through one write per batch of containers for speed
    for (int from = 0; from < n; from += 100) {
      List<String> batch = expected.subList(from, Math.min(n, from + 100));
      storage.write(ctx, ns, w -> {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        for (String id : batch) {
          w.insert(container(id).createdAt(now).updatedAt(now).build());
        }
        return null;
      });
    }
    try (Stream<Container> s = store.stream(ctx)) {
      assertEquals(expected, s.map(Container::id).toList());
    }
    try (Stream<Container> s = storage.stream(ctx, ns, Filter.all())) {
      assertEquals(5, s.limit(5).count()); // closing early releases the connection
    }
    assertEquals(n, store.list(ctx).size());
  }

  @Test
  void namespacesAreIsolated() {
    store.create(ctx, container("same").image("one").build());
    Context other = Context.withNamespace(ns + "-other");
    store.create(other, container("same").image("two").build());
    assertEquals("one", store.get(ctx, "same").image());
    assertEquals("two", store.get(other, "same").image());
    store.delete(other, "same");
    assertEquals("one", store.get(ctx, "same").image());
    assertEquals(List.of(), store.list(other));
  }

  @Test
  void deleteRemovesLabelsToo() throws Exception {
    store.create(ctx, container("d").labels(Map.of("a", "1", "b", "2")).build());
    store.delete(ctx, "d");
    assertThrows(NotFoundException.class, () -> store.get(ctx, "d"));
    assertEquals(rows(Map.of()), labelRows("d"));
    assertThrows(NotFoundException.class, () -> store.delete(ctx, "d"));
  }

  // ------------------------------------------------------------------ timestamps

  @Test
  void timestampsRoundTripExactly() {
    // Written through the storage, so the instants are exactly the ones chosen here.
    Instant t = Instant.parse("2999-03-04T05:06:07.123456Z");
    Container given = container("t").createdAt(t).updatedAt(t).build();
    storage.write(ctx, ns, w -> w.insert(given));
    Container got = store.get(ctx, "t");
    assertEquals(t, got.createdAt());
    assertEquals(given, got);
    // The stored updatedAt is ahead of the clock, so the update's is exactly one microsecond later.
    Container updated = store.update(ctx, container("t").image("x").build(), "image");
    assertEquals(t, updated.createdAt());
    assertEquals(Instant.parse("2999-03-04T05:06:07.123457Z"), updated.updatedAt());
    assertEquals(updated, store.get(ctx, "t"));

    Instant early = Instant.parse("1969-12-31T23:59:59.999999Z");
    Container old = container("old").createdAt(early).updatedAt(early).build();
    storage.write(ctx, ns, w -> w.insert(old));
    assertEquals(early, store.get(ctx, "old").createdAt());
    assertEquals(old, store.get(ctx, "old"));
  }

  // ------------------------------------------------------------------ atomicity and concurrency

  @Test
  void failedWriteLeavesNothing() throws Exception {
    store.create(ctx, container("keep").labels(Map.of("a", "1")).build());
    Container keep = store.get(ctx, "keep");
    RuntimeException boom = new IllegalStateException("boom");
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> storage.write(ctx, ns, w -> {
      assertTrue(w.insert(container("new").labels(Map.of("b", "2")).createdAt(Instant.EPOCH)
          .updatedAt(Instant.EPOCH).build()));
      Container prev = w.getForUpdate("keep");
      w.replace(prev, prev.toBuilder().labels(Map.of("c", "3")).image("changed").build());
      assertTrue(w.delete("keep") || true);
      throw boom;
    }));
    assertEquals(boom, thrown, "the work's exception propagates unchanged");
    assertThrows(NotFoundException.class, () -> store.get(ctx, "new"));
    assertEquals(keep, store.get(ctx, "keep"));
    assertEquals(rows(Map.of("a", "1")), labelRows("keep"));
    assertEquals(rows(Map.of()), labelRows("new"));

    StoreException kind = new NotFoundException("from the work");
    assertEquals(kind, assertThrows(StoreException.class, () -> storage.write(ctx, ns, w -> {
      w.insert(container("new2").createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH).build());
      throw kind;
    })));
    assertThrows(NotFoundException.class, () -> store.get(ctx, "new2"));
  }

  @Test
  void insertOfTakenIdWritesNothingAndReturnsFalse() {
    store.create(ctx, container("x").image("first").build());
    boolean inserted = storage.write(ctx, ns, w -> w.insert(
        container("x").image("second").createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH).build()));
    assertFalse(inserted);
    assertEquals("first", store.get(ctx, "x").image());
  }

  @Test
  void aConflictThatOutlivesTheRetriesIsAbortedAndWritesNothing() throws Exception {
    store.create(ctx, container("hot").labels(Map.of("a", "1")).build());
    Container before = store.get(ctx, "hot");
    AtomicInteger attempts = new AtomicInteger();
    AbortedException e = assertThrows(AbortedException.class, () -> storage.write(ctx, ns, w -> {
      attempts.incrementAndGet();
      assertTrue(w.insert(container("other").labels(Map.of("b", "2")).createdAt(Instant.EPOCH)
          .updatedAt(Instant.EPOCH).build()));
      Container prev = w.getForUpdate("hot");
      w.replace(prev, prev.toBuilder().image("changed").labels(Map.of("a", "2")).build());
      // What a deadlock or serialization failure looks like to the backend on every database.
      throw new UnableToExecuteStatementException(
          new SQLException("serialization failure injected by the test", "40001"), null);
    }));
    assertEquals(Retries.MAX_ATTEMPTS, attempts.get(), "every attempt ran");
    assertEquals(ErrorKind.ABORTED, e.kind());
    assertTrue(e.getMessage().startsWith("update of container \"hot\" in namespace \"" + ns + "\""),
        e.getMessage());
    assertTrue(e.getMessage().contains("retrying the call is safe"), e.getMessage());
    assertEquals(before, store.get(ctx, "hot"));
    assertEquals(rows(Map.of("a", "1")), labelRows("hot"));
    assertThrows(NotFoundException.class, () -> store.get(ctx, "other"));
    assertEquals(rows(Map.of()), labelRows("other"));
  }

  /** Two writers lock two rows in opposite orders: the database picks a victim, which runs again. */
  @Test
  void aRealDeadlockIsRetriedAndBothWritesLand() throws Exception {
    store.create(ctx, container("a").build());
    store.create(ctx, container("b").build());
    CyclicBarrier bothHoldOneLock = new CyclicBarrier(2);
    AtomicInteger attempts = new AtomicInteger();
    List<Callable<String>> tasks = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (String[] order : List.of(new String[] {"a", "b"}, new String[] {"b", "a"})) {
      tasks.add(() -> {
        start.await();
        AtomicInteger mine = new AtomicInteger();
        storage.write(ctx, ns, w -> {
          attempts.incrementAndGet();
          Container first = w.getForUpdate(order[0]);
          if (mine.incrementAndGet() == 1) {
            try {
              bothHoldOneLock.await(20, TimeUnit.SECONDS);
            } catch (Exception x) {
              throw new IllegalStateException("the other writer never took its first lock", x);
            }
          }
          Container second = w.getForUpdate(order[1]);
          for (Container c : List.of(first, second)) {
            Map<String, String> labels = new TreeMap<>(c.labels());
            labels.put("by-" + order[0], "1");
            w.replace(c, c.toBuilder().labels(labels).build());
          }
          return null;
        });
        return "ok";
      });
    }
    assertEquals(List.of("ok", "ok"), runAll(tasks, start));
    assertTrue(attempts.get() >= 3, "the deadlock's victim ran again: " + attempts.get() + " attempts");
    for (String id : List.of("a", "b")) {
      assertEquals(Map.of("by-a", "1", "by-b", "1"), store.get(ctx, id).labels(), id);
      assertEquals(rows(Map.of("by-a", "1", "by-b", "1")), labelRows(id), id);
    }
  }

  @Test
  void concurrentCreatesOfOneIdHaveOneWinner() throws Exception {
    int threads = 16;
    List<Callable<String>> tasks = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int i = 0; i < threads; i++) {
      String image = "img" + i;
      tasks.add(() -> {
        start.await();
        try {
          store.create(ctx, container("race").image(image).build());
          return "won";
        } catch (AlreadyExistsException e) {
          return "lost";
        }
      });
    }
    List<String> results = runAll(tasks, start);
    assertEquals(1, results.stream().filter("won"::equals).count(), results.toString());
    assertEquals(threads - 1, results.stream().filter("lost"::equals).count());
    assertEquals(1, store.list(ctx).size());
  }

  @Test
  void concurrentLabelUpdatesLoseNothing() throws Exception {
    store.create(ctx, container("shared").build());
    int threads = 16;
    List<Callable<String>> tasks = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int i = 0; i < threads; i++) {
      String key = "k" + i;
      tasks.add(() -> {
        start.await();
        store.update(ctx, container("shared").label(key, "v").build(), "labels." + key);
        return key;
      });
    }
    runAll(tasks, start);
    Map<String, String> expected = new TreeMap<>();
    for (int i = 0; i < threads; i++) {
      expected.put("k" + i, "v");
    }
    assertEquals(expected, store.get(ctx, "shared").labels());
    assertEquals(rows(expected), labelRows("shared"));
  }

  static <T> List<T> runAll(List<Callable<T>> tasks, CountDownLatch start) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> t : tasks) {
        futures.add(pool.submit(t));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(120, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ deadlines

  @Test
  void deadlineBoundsAWaitForALock() throws Exception {
    store.create(ctx, container("locked").build());
    try (Connection holder = DriverManager.getConnection(url())) {
      lockForUpdate(holder, "locked");
      long t0 = System.nanoTime();
      Context soon = ctx.withTimeout(Duration.ofMillis(1500));
      StoreException e = assertThrows(StoreException.class,
          () -> store.update(soon, container("locked").image("x").build(), "image"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertInstanceOf(DeadlineExceededException.class, e, e.toString());
      assertTrue(ms < 8000, "gave up after " + ms + " ms");
      holder.rollback();
    }
    assertEquals("", store.get(ctx, "locked").image());
  }

  /**
   * Takes, on {@code holder} (outside the store), the lock a write of container {@code id} needs
   * and holds it until {@code holder.rollback()}: the row's lock ({@code FOR UPDATE}).
   */
  void lockForUpdate(Connection holder, String id) throws SQLException {
    holder.setAutoCommit(false);
    try (PreparedStatement ps = holder.prepareStatement(
        "SELECT id FROM ctr_container WHERE ns = ? AND id = ? FOR UPDATE")) {
      ps.setBytes(1, Codec.utf8(ns));
      ps.setBytes(2, Codec.utf8(id));
      ps.executeQuery().close();
    }
  }

  @Test
  void expiredDeadlineFailsBeforeTouchingTheDatabase() {
    Context past = ctx.withDeadline(Instant.now().minusSeconds(1));
    assertThrows(DeadlineExceededException.class, () -> storage.read(past, ns, r -> r.get("x")));
  }

  // ------------------------------------------------------------------ filters

  @Test
  void pushedDownFiltersAnswerLikeTheMemoryBackend() {
    Store memory = MemoryStoreProvider.openStore();
    List<Container> fixtures = List.of(
        container("a").image("nginx").labels(Map.of("env", "prod", "tier", "web")).build(),
        container("b").image("nginx").labels(Map.of("env", "dev", "Env", "prod")).build(),
        container("c").image("redis").runtime("io.containerd.kata.v2").labels(Map.of("env", "prod ")).build(),
        container("d").labels(Map.of("pad", " ", "a.b", "dotted", "nul\u0000", "x")).build(),
        container("e").image("").labels(Map.of("tier", "db", "env", "prod")).build(),
        container("A").image("NGINX").labels(Map.of("ENV", "PROD")).build());
    for (Container c : fixtures) {
      memory.create(ctx, c);
      store.create(ctx, c);
    }
    List<String[]> filters = List.of(
        new String[] {"labels.env==prod"},
        new String[] {"labels.env"},
        new String[] {"labels.Env"},
        new String[] {"image==nginx"},
        new String[] {"image"},
        new String[] {"runtime.name==io.containerd.kata.v2"},
        new String[] {"id==a"},
        new String[] {"id==A"},
        new String[] {"labels.pad==\" \""},
        new String[] {"labels.\"a.b\"==dotted"},
        new String[] {"labels.env==prod,image==nginx"},
        new String[] {"labels.env==prod", "image==redis"},
        new String[] {"labels.env!=prod"},
        new String[] {"labels.env==prod,labels.tier!=web"},
        new String[] {"image~=^ng"},
        new String[] {"labels.env==prod", "labels.tier~=d"},
        new String[] {"snapshotter==x"},
        new String[] {""},
        new String[] {});
    for (String[] f : filters) {
      Filter filter = parse(f);
      List<String> expected = ids(memory.list(ctx, f));
      assertEquals(expected, ids(store.list(ctx, f)), "list " + List.of(f));
      try (Stream<Container> s = store.stream(ctx, f)) {
        assertEquals(expected, ids(s.toList()), "stream " + List.of(f));
      }
      List<Container> candidates = storage.read(ctx, ns, r -> r.candidates(filter));
      assertTrue(ids(candidates).containsAll(expected), "candidates are a superset for " + List.of(f));
    }
    memory.close();
  }

  @Test
  void pushedDownCandidatesEqualJavaEvaluation() {
    List<Container> fixtures = List.of(
        container("a").image("nginx").labels(Map.of("env", "prod", "tier", "web")).build(),
        container("b").image("nginx").labels(Map.of("env", "dev", "Env", "prod")).build(),
        container("c").image("redis").runtime("io.containerd.kata.v2").labels(Map.of("env", "prod ")).build(),
        container("d").labels(Map.of("pad", " ", "a.b", "dotted", "nul\u0000", "x\uD83D\uDE00")).build(),
        container("e").image("nginx ").labels(Map.of("tier", "db", "env", "prod")).build(),
        container("A").image("NGINX").labels(Map.of("ENV", "PROD", "env", "PROD")).build());
    for (Container c : fixtures) {
      store.create(ctx, c);
    }
    List<Container> all = store.list(ctx);
    // each filter: whether SQL answers it exactly (no != or ~=)
    Map<Filter, Boolean> filters = new java.util.LinkedHashMap<>();
    filters.put(F.filter(List.of(F.sel(EQ, "prod", "labels", "env"))), true);
    filters.put(F.filter(List.of(F.sel(PRESENT, "", "labels", "env"))), true);
    filters.put(F.filter(List.of(F.sel(PRESENT, "", "labels", "Env"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, "nginx", "image"))), true);
    filters.put(F.filter(List.of(F.sel(PRESENT, "", "image"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, "io.containerd.kata.v2", "runtime", "name"))), true);
    filters.put(F.filter(List.of(F.sel(PRESENT, "", "runtime", "name"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, "a", "id"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, "A", "id"))), true);
    filters.put(F.filter(List.of(F.sel(PRESENT, "", "id"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, " ", "labels", "pad"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, "", "labels", "pad"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, "dotted", "labels", "a", "b"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, "x\uD83D\uDE00", "labels", "nul\u0000"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, "prod", "labels", "env"), F.sel(EQ, "nginx", "image"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, "prod", "labels", "env")), List.of(F.sel(EQ, "redis", "image"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, "prod", "labels", "env")), List.of(F.sel(EQ, "x", "snapshotter"))), true);
    filters.put(F.filter(List.of(F.sel(EQ, "x", "snapshotter"))), true);
    filters.put(F.filter(List.of(F.incomparable("prod", "labels", "env"))), true);
    filters.put(F.filter(List.of()), true);
    filters.put(F.filter(List.of(F.sel(NE, "prod", "labels", "env"))), false);
    filters.put(F.filter(List.of(F.sel(EQ, "prod", "labels", "env"), F.sel(NE, "web", "labels", "tier"))), false);
    filters.put(F.filter(List.of(F.sel(MATCHES, "^ng", "image"))), false);
    filters.put(F.filter(List.of(F.sel(EQ, "prod", "labels", "env")), List.of(F.sel(MATCHES, "d", "labels", "tier"))), false);
    filters.put(F.filter(List.of(F.sel(NE, "x", "snapshotter"))), false);
    filters.forEach((filter, exact) -> {
      List<String> expected = ids(all.stream().filter(filter).toList());
      List<Container> candidates = storage.read(ctx, ns, r -> r.candidates(filter));
      assertEquals(ids(candidates.stream().sorted(java.util.Comparator.comparing(Container::id)).toList()),
          ids(candidates), "candidates in id order for " + filter.alternatives());
      if (exact) {
        assertEquals(expected, ids(candidates), "pushed down exactly: " + filter.alternatives());
      } else {
        assertTrue(ids(candidates).containsAll(expected), "superset for " + filter.alternatives());
      }
      assertEquals(expected, ids(candidates.stream().filter(filter).toList()), filter.alternatives().toString());
      try (Stream<Container> s = storage.stream(ctx, ns, filter)) {
        assertEquals(expected, ids(s.filter(filter).toList()), "stream " + filter.alternatives());
      }
    });
  }

  /**
   * A label row that matches a filter although its container's labels do not is what a collision
   * of the 8-byte hashes looks like: it adds a candidate, and the shared Filter drops it.
   */
  @Test
  void aCollidingLabelRowOnlyAddsACandidate() throws Exception {
    store.create(ctx, container("a").label("env", "prod").build());
    store.create(ctx, container("b").label("env", "dev").label("tier", "web").build());
    try (Connection c = DriverManager.getConnection(url());
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO ctr_label (ns, key_hash, value_hash, id) VALUES (?, ?, ?, ?)")) {
      for (String[] row : List.of(new String[] {"env", "prod", "b"}, new String[] {"team", "x", "a"})) {
        ps.setBytes(1, Codec.utf8(ns));
        ps.setBytes(2, Codec.hash(row[0]));
        ps.setBytes(3, Codec.hash(row[1]));
        ps.setBytes(4, Codec.utf8(row[2]));
        ps.executeUpdate();
      }
    }
    Filter envProd = parse("labels.env==prod");
    assertEquals(List.of("a", "b"), ids(storage.read(ctx, ns, r -> r.candidates(envProd))));
    assertEquals(List.of("a"), ids(store.list(ctx, "labels.env==prod")));
    try (Stream<Container> s = store.stream(ctx, "labels.env==prod")) {
      assertEquals(List.of("a"), ids(s.toList()));
    }
    Filter team = parse("labels.team");
    assertEquals(List.of("a"), ids(storage.read(ctx, ns, r -> r.candidates(team))));
    assertEquals(List.of(), ids(store.list(ctx, "labels.team")));
    assertEquals(List.of("b"), ids(store.list(ctx, "labels.env==dev,labels.tier==web")));
  }

  @Test
  void pushdownShapes() {
    Filter f = parse("labels.env==prod,image~=x", "id==a");
    Pushdown p = Pushdown.of(f);
    assertEquals(Pushdown.Kind.WHERE, p.kind());
    assertFalse(p.condition().contains("prod"), "values are bound, never in the SQL text");
    assertEquals(Pushdown.Kind.ALL, Pushdown.of(parse("labels.env!=prod", "id==a")).kind());
    assertEquals(Pushdown.Kind.NONE, Pushdown.of(parse("snapshotter==x")).kind());
    assertEquals(Pushdown.Kind.ALL, Pushdown.of(Filter.all()).kind());
  }
}
