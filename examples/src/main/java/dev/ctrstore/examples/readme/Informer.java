package dev.ctrstore.examples.readme;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.Page;
import dev.ctrstore.Store;
import dev.ctrstore.Watch;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The README's informer pattern; {@code InformerTest} compiles and runs it. */
final class Informer {
  private Informer() {}

  // tag::informer[]
  // Fill the cache page by page, then follow every change after the first page's revision.
  static void follow(Store store, Context ns, Map<String, Container> cache, BooleanSupplier running) {
    Page page = store.page(ns, 500, null);
    long revision = page.revision();
    for (; ; page = store.page(ns, 500, page.nextPageToken())) {
      page.containers().forEach(c -> cache.put(c.id(), c));
      if (page.nextPageToken() == null) break;
    }
    try (Watch watch = store.watch(ns, revision)) { // RevisionCompactedException: list again
      while (running.getAsBoolean()) {
        Event e = watch.poll(Duration.ofMillis(200));
        if (e != null && e.type() == Event.Type.DELETED) cache.remove(e.id());
        else if (e != null) cache.put(e.id(), e.container());
      }
    }
  }
  // end::informer[]
}
