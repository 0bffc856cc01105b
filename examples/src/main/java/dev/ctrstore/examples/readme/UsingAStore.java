package dev.ctrstore.examples.readme;

// tag::using[]
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.OciSpecs;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import java.util.List;
import java.util.stream.Stream;

class UsingAStore {
  public static void main(String[] args) {
    try (Store store = Stores.open()) {                     // reads ctrstore.properties
      Context ctx = Context.withNamespace("default");
      store.create(ctx, Container.builder()
          .id("redis-1")
          .runtime("io.containerd.runc.v2")
          .ociSpec("""
              {"ociVersion": "1.1.0", "process": {"args": ["redis-server"], "cwd": "/"},
               "root": {"path": "rootfs"}}""")                // the OCI spec's JSON
          .label("env", "prod")
          .build());
      List<Container> prod = store.list(ctx, "labels.env==prod", "labels.tier==db");
      System.out.println("prod or db: " + prod.size());
      store.update(ctx, Container.builder().id("redis-1").label("env", "staging").build(),
          "labels.env");
      try (Stream<Container> all = store.stream(ctx)) {      // paged from a cursor on JDBC
        all.forEach(c -> System.out.println(c.id() + " " + c.labels()));
      }
      String spec = OciSpecs.toJson(store.get(ctx, "redis-1").spec());
      System.out.println("spec: " + spec.length() + " characters of JSON");
      store.delete(ctx, "redis-1");
    }
  }
}
// end::using[]
