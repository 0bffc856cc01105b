package dev.ctrstore.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.memory.MemoryStoreProvider;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The README's informer keeps an exact copy of a namespace that changes while it lists. */
class InformerTest {
  private static Container.Builder c(String id) {
    return Container.builder().id(id).runtime("rt").ociSpec("{}");
  }

  @Test
  void theCacheConvergesOnTheStore() throws Exception {
    try (Store store = MemoryStoreProvider.openStore()) {
      Context ns = Context.withNamespace("default");
      for (int i = 0; i < 1200; i++) {
        store.create(ns, c(String.format("c%04d", i)).build());
      }
      Map<String, Container> cache = new ConcurrentHashMap<>();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread informer = new Thread(() -> {
        try {
          Informer.follow(store, ns, cache, running::get);
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      informer.start();
      for (int i = 0; i < 1200; i += 7) {
        store.update(ns, c(String.format("c%04d", i)).image("v2").build());
        store.delete(ns, String.format("c%04d", i + 1));
        store.create(ns, c(String.format("n%04d", i)).build());
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      Map<String, Container> expected = new TreeMap<>();
      store.list(ns).forEach(x -> expected.put(x.id(), x));
      while (!expected.equals(new TreeMap<>(cache)) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      running.set(false);
      informer.join();
      assertEquals(null, failure.get());
      assertTrue(expected.size() > 1000);
      assertEquals(expected, new TreeMap<>(cache));
    }
  }
}
