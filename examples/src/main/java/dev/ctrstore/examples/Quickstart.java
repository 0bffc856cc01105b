package dev.ctrstore.examples;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * ctrstore in one page: open a store with no configuration, create containers, list them with
 * containerd filters, update by field path, meet the two errors every caller handles, delete.
 *
 * <p>With only {@code ctrstore-spi-jdbc} on the class path, {@link Stores#open()} needs no
 * configuration: it picks the only backend there, and that backend's default is an embedded SQLite
 * database in {@code ./ctrstore-data/}. Run it, then look at what it left behind with
 * {@code ctrstore -n quickstart ls}.
 */
public final class Quickstart {
  private Quickstart() {}

  /** Opens the configured store (embedded SQLite by default) and runs the tour. */
  public static void main(String[] args) {
    try (Store store = Stores.open()) {
      run(store, System.out);
    }
  }

  /** The tour, on any store; it works in namespace {@code quickstart} only. */
  public static void run(Store store, PrintStream out) {
    // Every call names its namespace; namespaces never see each other's containers.
    Context ctx = Context.withNamespace("quickstart");

    // Start clean, so the example can run again over the same database.
    for (Container old : store.list(ctx)) {
      store.delete(ctx, old.id());
    }

    // Create: id, runtime and spec are required; the store sets the timestamps.
    store.create(ctx, container("web-1", "docker.io/library/nginx:1.27", "nginx", "-g", "daemon off;")
        .label("env", "prod").label("tier", "web").build());
    store.create(ctx, container("web-2", "docker.io/library/nginx:1.27", "nginx", "-g", "daemon off;")
        .label("env", "staging").label("tier", "web").build());
    Container db = store.create(ctx, container("db-1", "docker.io/library/redis:7", "redis-server")
        .label("env", "prod").label("tier", "db").label("backup", "nightly").build());
    out.println("created db-1 at " + db.createdAt());

    // List: containerd's filter language. Within one string, selectors joined by ',' must all
    // match; several strings are alternatives (OR). Results come in id order.
    show(out, "labels.env==prod", store.list(ctx, "labels.env==prod"));
    show(out, "labels.backup (present)", store.list(ctx, "labels.backup"));
    show(out, "image~=redis", store.list(ctx, "image~=redis"));
    show(out, "labels.tier==web,labels.env!=prod", store.list(ctx, "labels.tier==web,labels.env!=prod"));
    show(out, "labels.tier==db OR labels.env==staging",
        store.list(ctx, "labels.tier==db", "labels.env==staging"));

    // Update by field path: only the named fields are taken from the input, so you send just
    // the id and what changes. "labels.env" sets one label and leaves the others alone.
    Container promoted = store.update(ctx,
        Container.builder().id("web-2").label("env", "prod").build(), "labels.env");
    out.println("web-2 labels after update: " + promoted.labels());
    // Naming a field you did not set clears it: the label "backup" is removed.
    store.update(ctx, Container.builder().id("db-1").image("docker.io/library/redis:7.4").build(),
        "image", "labels.backup");
    Container db1 = store.get(ctx, "db-1");
    out.println("db-1 now: image=" + db1.image() + " labels=" + db1.labels());

    // Errors are unchecked StoreExceptions whose kind() is containerd's error kind.
    try {
      store.get(ctx, "web-9");
    } catch (NotFoundException e) {
      out.println(e.kind() + ": " + e.getMessage());
    }
    try {
      store.create(ctx, container("Not OK!", "busybox", "sh").build());
    } catch (InvalidArgumentException e) {
      out.println(e.kind() + ": " + e.getMessage());
    }

    // Delete; web-1 and db-1 stay, for `ctrstore -n quickstart ls` to find.
    store.delete(ctx, "web-2");
    show(out, "remaining", store.list(ctx));
  }

  /** A container with containerd's usual runtime and snapshotter and a minimal OCI spec. */
  static Container.Builder container(String id, String image, String... args) {
    return Container.builder()
        .id(id)
        .image(image)
        .runtime("io.containerd.runc.v2")
        .snapshotter("overlayfs")
        .snapshotKey(id)
        .ociSpec(specJson(id, args));
  }

  /**
   * A minimal OCI runtime spec's JSON; {@code Container.Builder.ociSpec} packs it as containerd
   * does. (A real program would serialise its spec object with a JSON library.)
   */
  static String specJson(String hostname, String... args) {
    String argv = List.of(args).stream()
        .map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(","));
    return "{\"ociVersion\":\"1.1.0\","
        + "\"process\":{\"args\":[" + argv + "],\"cwd\":\"/\"},"
        + "\"root\":{\"path\":\"rootfs\"},"
        + "\"hostname\":\"" + hostname + "\"}";
  }

  private static void show(PrintStream out, String what, List<Container> found) {
    out.println(what + ": " + found.stream().map(Container::id).toList());
  }
}
