package dev.ctrstore.bench;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.StoreInfo;
import dev.ctrstore.Stores;
import dev.ctrstore.bench.Fixtures.Backend;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.jdbc.JdbcStoreProvider;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What revisions cost a write on the {@code jdbc} backend (issue: a single-threaded write no more
 * than 15% slower): creates and updates per second, with 1 and with 8 threads writing one
 * namespace, with revisions and without, in one build over one open storage.
 *
 * <p>"Without" is the same {@link Storage} behind a view that declares no capabilities: the
 * engine then skips everything revisions add to a write (the counter increment and the event row;
 * before the counter-first lock order, also the create's read of its id) and stamps revision 0,
 * exactly what it does over a storage that has no revisions. Everything else (pool,
 * transactions, statements, H2's fsync per commit) is shared.
 *
 * <p>The two variants run alternately in rounds (the order swapped each round, so a drift of the
 * machine's load hits both alike), each cell for a fixed time, counting completed calls; the
 * table gives the median of the rounds and the median of the rounds' own changes (with against
 * without in the same round, which a drift of the load between rounds does not skew). Each
 * variant writes its own fresh namespace; updates rewrite label {@code x} of a random container
 * among {@value #UPDATE_SET} created beforehand.
 * H2: a file with the backend's default durability ({@code WRITE_DELAY=0}, forced per commit);
 * SQLite: a file with the dialect's (WAL, {@code synchronous=FULL}); MariaDB: the database
 * {@code bench.revwrite.database} (default {@code ctrstore_bench_revwrite}) on {@code
 * bench.mysql.server}.
 *
 * <p>Arguments: backends ({@code h2,mariadb,sqlite}), rounds (default 3), milliseconds per cell
 * (default 2000).
 */
public final class RevisionWriteMain {
  private RevisionWriteMain() {}

  static final int UPDATE_SET = 1000;
  /** Thread counts measured; {@code -Dbench.revwrite.threads=1} measures one thread only. */
  static final int[] THREADS = Arrays.stream(
      System.getProperty("bench.revwrite.threads", "1,8").split(","))
      .mapToInt(Integer::parseInt).toArray();

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--full")) {
      args = new String[0]; // the bench profile's default arguments: take the defaults here
    }
    String[] backends = (args.length > 0 ? args[0] : "h2,mariadb").split(",");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long cellMillis = args.length > 2 ? Long.parseLong(args[2]) : 2000;
    List<String> rows = new ArrayList<>();
    for (String b : backends) {
      rows.addAll(run(Backend.of(b), rounds, cellMillis));
    }
    System.out.println();
    System.out.println("| backend | operation | threads | with revisions | without | change"
        + " | median of per-round changes |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    rows.forEach(System.out::println);
    System.out.println("load average at the end: " + LoadAverage.now());
  }

  private static String url(Backend b) {
    return switch (b) {
      case H2 -> Fixtures.freshH2File("h2-revwrite", ";WRITE_DELAY=0");
      case MARIADB -> Fixtures.freshMysqlDatabase(
          System.getProperty("bench.revwrite.database", "ctrstore_bench_revwrite"));
      case SQLITE -> Fixtures.freshSqliteFile("sqlite-revwrite");
      default -> throw new IllegalArgumentException(b.label()
          + ": measured on h2, mariadb and sqlite");
    };
  }

  private static List<String> run(Backend b, int rounds, long cellMillis) throws Exception {
    Storage storage = new JdbcStoreProvider().open(StoreConfig.of(Map.of(
        JdbcStoreProvider.URL, url(b))));
    Store with = Stores.over(storage);
    Store without = Stores.over(new WithoutRevisions(storage));
    Variant[] variants = {new Variant("with", with), new Variant("without", without)};
    try {
      for (Variant v : variants) {
        for (int i = 0; i < UPDATE_SET; i++) {
          v.store.create(v.updates, Fixtures.container(i));
        }
      }
      String[] ops = {"create", "update"};
      // [op][threads][variant][round] calls per second
      double[][][][] rate = new double[2][THREADS.length][2][rounds];
      // MariaDB: [op][threads][variant] {InnoDB fsyncs, writes} over the counted rounds
      long[][][][] fsyncs = new long[2][THREADS.length][2][2];
      InnodbFsyncs innodb = b == Backend.MARIADB ? new InnodbFsyncs() : null;
      for (int r = -1; r < rounds; r++) { // round -1 warms up and is not counted
        for (int o = 0; o < ops.length; o++) {
          for (int t = 0; t < THREADS.length; t++) {
            for (int k = 0; k < 2; k++) {
              int v = (k + Math.max(r, 0)) % 2;
              long before = innodb == null ? 0 : innodb.now();
              long[] writes = new long[1];
              double perSecond = cell(variants[v], o == 0, THREADS[t],
                  r < 0 ? cellMillis / 2 : cellMillis, writes);
              if (r >= 0) {
                rate[o][t][v][r] = perSecond;
                if (innodb != null) {
                  fsyncs[o][t][v][0] += innodb.now() - before;
                  fsyncs[o][t][v][1] += writes[0];
                }
              }
            }
          }
        }
        System.out.printf(Locale.ROOT, "# %s round %d done, load %s%n", b.label(), r,
            LoadAverage.now());
      }
      if (innodb != null) {
        innodb.close();
        for (int o = 0; o < ops.length; o++) {
          for (int t = 0; t < THREADS.length; t++) {
            System.out.printf(Locale.ROOT, "# %s %s, %d thread(s): InnoDB fsyncs per write %.2f with"
                + " revisions, %.2f without%n", b.label(), ops[o], THREADS[t],
                (double) fsyncs[o][t][0][0] / Math.max(1, fsyncs[o][t][0][1]),
                (double) fsyncs[o][t][1][0] / Math.max(1, fsyncs[o][t][1][1]));
          }
        }
      }
      List<String> rows = new ArrayList<>();
      for (int o = 0; o < ops.length; o++) {
        for (int t = 0; t < THREADS.length; t++) {
          double w = median(rate[o][t][0]);
          double wo = median(rate[o][t][1]);
          // Each round measures both variants back to back: the ratio within a round is what a
          // drift of the shared machine's load disturbs least.
          double[] ratio = new double[rounds];
          for (int r = 0; r < rounds; r++) {
            ratio[r] = rate[o][t][0][r] / rate[o][t][1][r];
          }
          rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f/s | %,.0f/s | %+.0f%% | %+.0f%% |",
              b.label(), ops[o], THREADS[t], w, wo, (w / wo - 1) * 100,
              (median(ratio) - 1) * 100));
          System.out.println(rows.get(rows.size() - 1) + "  rounds with " + Arrays.toString(
              rate[o][t][0]) + " without " + Arrays.toString(rate[o][t][1]));
        }
      }
      return rows;
    } finally {
      storage.close();
    }
  }

  /** Calls per second of {@code threads} threads creating or updating for {@code millis}. */
  private static double cell(Variant v, boolean create, int threads, long millis, long[] writes)
      throws InterruptedException {
    LongAdder done = new LongAdder();
    CountDownLatch start = new CountDownLatch(1);
    long[] window = new long[2];
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      SplittableRandom random = new SplittableRandom(t * 31L + System.nanoTime());
      Thread th = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        long end = window[1];
        while (System.nanoTime() < end) {
          if (create) {
            int i = v.nextId.getAndIncrement();
            v.store.create(v.creates, Fixtures.container(Fixtures.id(i), i));
          } else {
            int i = random.nextInt(UPDATE_SET);
            Container c = Container.builder().id(Fixtures.id(i))
                .label("x", Long.toString(random.nextLong())).build();
            v.store.update(v.updates, c, "labels.x");
          }
          done.increment();
        }
      });
      th.start();
      workers.add(th);
    }
    window[0] = System.nanoTime();
    window[1] = window[0] + millis * 1_000_000;
    start.countDown();
    for (Thread th : workers) {
      th.join();
    }
    writes[0] = done.sum();
    return done.sum() / ((System.nanoTime() - window[0]) / 1e9);
  }

  /**
   * The server's {@code Innodb_data_fsyncs} (every fsync InnoDB issues, its redo log's included):
   * the change over a cell, divided by the cell's writes, tells whether commits shared a log
   * flush. Server-wide: nothing else may write to the server meanwhile.
   */
  private static final class InnodbFsyncs implements AutoCloseable {
    private final java.sql.Connection c;

    InnodbFsyncs() throws java.sql.SQLException {
      c = java.sql.DriverManager.getConnection(Fixtures.mysqlServer() + "?user="
          + Fixtures.mysqlUser());
    }

    long now() throws java.sql.SQLException {
      try (java.sql.Statement st = c.createStatement();
          java.sql.ResultSet rs = st.executeQuery(
              "SHOW GLOBAL STATUS LIKE 'Innodb_data_fsyncs'")) {
        return rs.next() ? rs.getLong(2) : 0;
      }
    }

    @Override
    public void close() throws java.sql.SQLException {
      c.close();
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** A store and the namespaces it writes (fresh per run). */
  private static final class Variant {
    final Store store;
    final Context creates;
    final Context updates;
    final AtomicInteger nextId = new AtomicInteger(UPDATE_SET);

    Variant(String name, Store store) {
      this.store = store;
      String suffix = name + "-" + UUID.randomUUID();
      this.creates = Context.withNamespace("creates-" + suffix);
      this.updates = Context.withNamespace("updates-" + suffix);
    }
  }

  /** The storage as one without revisions: declares no capability, so the engine adds none. */
  private static final class WithoutRevisions implements Storage {
    private final Storage delegate;

    WithoutRevisions(Storage delegate) {
      this.delegate = delegate;
    }

    @Override
    public StoreInfo info() {
      return delegate.info();
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of();
    }

    @Override
    public <T extends @Nullable Object> T read(Context ctx, String namespace, ReadWork<T> work) {
      return delegate.read(ctx, namespace, work);
    }

    @Override
    public <T extends @Nullable Object> T write(Context ctx, String namespace, WriteWork<T> work) {
      return delegate.write(ctx, namespace, work);
    }

    @Override
    public @Nullable Container get(Context ctx, String namespace, String id) {
      return delegate.get(ctx, namespace, id);
    }

    @Override
    public Stream<Container> stream(Context ctx, String namespace, Filter filter) {
      return delegate.stream(ctx, namespace, filter);
    }

    @Override
    public List<String> namespaces(Context ctx) {
      return delegate.namespaces(ctx);
    }

    @Override
    public void close() {
      // the run closes the storage once
    }
  }
}
