package dev.ctrstore.bench;

import dev.ctrstore.Page;
import dev.ctrstore.Store;
import dev.ctrstore.bench.Fixtures.Backend;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one {@code Store.page} of {@value #LIMIT} containers, at page 1 and at page 1,000
 * of the N-container fixture (page 1,000 of N = 100,000 is the last one): keyset paging must make
 * both cost the same. The token of the page measured is found once, by walking, in the setup.
 */
@State(Scope.Benchmark)
public class PageBenchmark {
  static final int LIMIT = 100;

  @Param({"memory", "h2", "sqlite", "mariadb"})
  public String backend;

  @Param({"100000"})
  public int n;

  @Param({"1", "1000"})
  public int page;

  Store store;
  @Nullable String token;

  @Setup(Level.Trial)
  public void open() {
    store = Fixtures.openLoaded(Backend.of(backend), n);
    token = null;
    for (int i = 1; i < page; i++) {
      token = store.page(Fixtures.CTX, LIMIT, token).nextPageToken();
      if (token == null) {
        throw new IllegalStateException("the fixture has fewer than " + page + " pages");
      }
    }
    Page p = store.page(Fixtures.CTX, LIMIT, token);
    if (p.containers().size() != LIMIT) {
      throw new IllegalStateException("page " + page + " holds " + p.containers().size());
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Page pageOf100() {
    return store.page(Fixtures.CTX, LIMIT, token);
  }
}
