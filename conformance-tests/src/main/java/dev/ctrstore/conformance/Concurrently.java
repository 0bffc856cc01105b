package dev.ctrstore.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Starts tasks together, for the checks of races; a task that hangs fails the check. */
final class Concurrently {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Concurrently() {}

  /** Runs {@code n} tasks at once (released together) and returns each one's outcome. */
  static List<Object> run(int n, IntFunction<Callable<Object>> task)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<Object> c = task.apply(i);
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          try {
            return c.call();
          } catch (Exception e) {
            return e;
          }
        }));
      }
      ready.await();
      go.countDown();
      List<Object> out = new ArrayList<>();
      for (Future<Object> f : futures) {
        try {
          out.add(f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
          fail("concurrent task did not finish: " + e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
