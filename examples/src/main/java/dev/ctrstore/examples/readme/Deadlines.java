package dev.ctrstore.examples.readme;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.time.Duration;

/** The README's deadline idiom; {@code ReadmeSnippetsTest} compiles and runs it. */
final class Deadlines {
  private Deadlines() {}

  // tag::deadline[]
  // Keep the namespace; give each call its own deadline, counted from this line.
  static Container fetch(Store store, Context namespace, String id) {
    return store.get(namespace.withTimeout(Duration.ofMillis(300)), id);
  }
  // end::deadline[]
}
