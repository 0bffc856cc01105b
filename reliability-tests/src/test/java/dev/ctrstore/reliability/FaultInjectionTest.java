package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import dev.ctrstore.UnavailableException;
import dev.ctrstore.testing.MySqlServer;
import dev.ctrstore.testing.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC backend against the real MariaDB through {@link TcpProxy}: while the path to the
 * database is broken, every operation fails within its deadline with {@link
 * UnavailableException} or {@link DeadlineExceededException}; once healed, the same store
 * instance serves again.
 */
class FaultInjectionTest {
  /** The deadline of every call made while the database is unreachable. */
  static final Duration DEADLINE = Duration.ofMillis(300);
  /**
   * How much later than its deadline a failing call may return: scheduling on a loaded two-core
   * machine, the driver noticing the cancel, the pool evicting the connection.
   */
  static final Duration GRACE = Duration.ofMillis(700);

  /** Past deadline and grace, how long to wait before calling a call hung. */
  static final long HANG_MS = 5_000;
  static final ExecutorService CALLER = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-caller");
    t.setDaemon(true);
    return t;
  });

  MySqlServer.Database db;
  TcpProxy proxy;
  Store store;
  String ns;
  Context ctx;

  @BeforeEach
  void setUp() throws Exception {
    db = MySqlServer.freshDatabase();
    proxy = TcpProxy.to(db.hostPort());
    store = Rel.jdbc(db.urlVia(proxy.port()));
    ns = Rel.newNamespace();
    ctx = Rel.ctx(ns);
    for (int i = 0; i < 5; i++) {
      store.create(ctx, Rel.tokened("c" + i, "t0"));
    }
  }

  @AfterEach
  void tearDown() {
    if (proxy != null) {
      proxy.heal();
    }
    if (store != null) {
      store.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (db != null) {
      db.close();
    }
  }

  /** The five operations, each as a call that should fail while the database is unreachable. */
  Map<String, Consumer<Context>> operations(String tag) {
    Map<String, Consumer<Context>> ops = new LinkedHashMap<>();
    ops.put("get", c -> store.get(c, "c1"));
    ops.put("list", c -> store.list(c, "labels.v==t0", "image~=app"));
    ops.put("stream", c -> {
      try (var s = store.stream(c, "labels.a")) {
        s.count();
      }
    });
    ops.put("create", c -> store.create(c, Rel.tokened("new-" + tag, "t1")));
    ops.put("update", c -> store.update(c, Rel.tokened("c2", "t1"), "labels.v", "image"));
    ops.put("delete", c -> store.delete(c, "c3"));
    return ops;
  }

  /** Runs {@code op} with {@link #DEADLINE}; it must fail with an allowed kind, in time. */
  static void expectFailFast(String what, Consumer<Context> op, Context base, List<String> log) {
    Context c = base.withTimeout(DEADLINE);
    long start = System.nanoTime();
    Throwable thrown = null;
    // The call runs in its own thread, so that a call that hangs is reported as such (and the
    // test goes on to heal the proxy, which releases it) instead of blocking the suite.
    CompletableFuture<Void> call = CompletableFuture.runAsync(() -> op.accept(c), CALLER);
    try {
      call.get(DEADLINE.plus(GRACE).toMillis() + HANG_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      thrown = e.getCause();
    } catch (TimeoutException e) {
      log.add(what + ": HUNG");
      fail(what + ": still running " + (System.nanoTime() - start) / 1_000_000
          + " ms after the call, deadline " + DEADLINE.toMillis() + " ms: it hangs");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    log.add(what + ": " + ms + " ms, " + (thrown == null ? "returned" : thrown.getClass().getSimpleName()));
    if (thrown == null) {
      fail(what + ": succeeded although the database is unreachable");
    }
    if (!(thrown instanceof UnavailableException) && !(thrown instanceof DeadlineExceededException)) {
      throw new AssertionError(what + ": expected Unavailable or DeadlineExceeded, got " + thrown, thrown);
    }
    assertTrue(ms <= DEADLINE.plus(GRACE).toMillis(),
        what + ": took " + ms + " ms, deadline " + DEADLINE.toMillis() + " ms (+" + GRACE.toMillis()
            + " ms grace); " + thrown);
  }

  /** After healing, the same store answers every operation again. */
  void assertServesAgain(String tag) {
    Context c = ctx.withTimeout(Duration.ofSeconds(10));
    assertEquals("t0", Rel.tokenOf(store.get(c, "c0")));
    store.create(c, Rel.tokened("healed-" + tag, "h"));
    Container u = store.update(c, Rel.tokened("healed-" + tag, "h2"));
    assertEquals("h2", Rel.tokenOf(u));
    assertTrue(store.list(c, "labels.v==h2").stream().anyMatch(x -> x.id().equals("healed-" + tag)));
    store.delete(c, "healed-" + tag);
    assertThrowsNotFound(() -> store.get(c, "healed-" + tag));
  }

  static void collect(List<Throwable> failures, Runnable check) {
    try {
      check.run();
    } catch (AssertionError e) {
      failures.add(e);
    }
  }

  static void rethrow(List<Throwable> failures) {
    if (!failures.isEmpty()) {
      AssertionError all = new AssertionError(failures.size() + " operation(s) broke the fault contract: "
          + failures.stream().map(Throwable::getMessage).toList());
      failures.forEach(all::addSuppressed);
      throw all;
    }
  }

  static void assertThrowsNotFound(Runnable r) {
    try {
      r.run();
      fail("expected NotFound");
    } catch (NotFoundException expected) {
      // fine
    }
  }

  @Test
  void everyOperationFailsFastWhileTheDatabaseIsDown() {
    List<String> log = new ArrayList<>();
    proxy.dropAll();
    proxy.refuse();
    List<Throwable> failures = new ArrayList<>();
    operations("down").forEach((name, op) -> collect(failures,
        () -> expectFailFast("down/" + name, op, ctx, log)));
    proxy.heal();
    System.out.println(log);
    rethrow(failures);
    assertServesAgain("down");
    System.out.println(log);
  }

  @Test
  void everyOperationFailsFastWhenIdlePooledConnectionsStall() throws Exception {
    List<String> log = new ArrayList<>();
    // Several connections in the pool, idle long enough that the pool checks them on borrow.
    List<CompletableFuture<Void>> warm = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      warm.add(CompletableFuture.runAsync(() -> store.list(ctx, "labels.v==t0"), CALLER));
    }
    for (CompletableFuture<Void> f : warm) {
      f.get(10, TimeUnit.SECONDS);
    }
    Thread.sleep(700);
    proxy.stall();
    List<Throwable> failures = new ArrayList<>();
    operations("idle").forEach((name, op) -> collect(failures,
        () -> expectFailFast("idle-stall/" + name, op, ctx, log)));
    proxy.heal();
    System.out.println(log);
    rethrow(failures);
    assertServesAgain("idle");
  }

  @Test
  void everyOperationFailsFastWhileTheNetworkStalls() {
    List<String> log = new ArrayList<>();
    // Warm the pool so that both fresh and in-use connections meet the stall.
    store.get(ctx, "c0");
    proxy.stall();
    List<Throwable> failures = new ArrayList<>();
    operations("stall").forEach((name, op) -> collect(failures,
        () -> expectFailFast("stall/" + name, op, ctx, log)));
    proxy.heal();
    System.out.println(log);
    rethrow(failures);
    assertServesAgain("stall");
    System.out.println(log);
  }
}
