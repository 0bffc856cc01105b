package dev.ctrstore.examples;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import dev.ctrstore.Stores;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Opening a store from a {@code ctrstore.properties} file, as an application does in production.
 * The files under {@code examples/config/} are starting points: {@code
 * sqlite-file.properties} (embedded SQLite on disk, the default), {@code h2-file.properties}
 * (embedded H2 on disk) and {@code mysql.properties} (MySQL or MariaDB server).
 *
 * <p>Usage: {@code java ... dev.ctrstore.examples.ConfiguredStore path/to/ctrstore.properties}.
 * System properties ({@code -Dctrstore.jdbc.url=…}) and environment variables
 * ({@code CTRSTORE_JDBC_URL=…}) override the file, so one file can serve every environment and
 * secrets such as {@code CTRSTORE_JDBC_PASSWORD} never need to be written into it.
 */
public final class ConfiguredStore {
  private ConfiguredStore() {}

  /** Opens the store the file describes, checks it with a round trip, exits 1 on failure. */
  public static void main(String[] args) {
    Path file = Path.of(args.length > 0 ? args[0] : Stores.RESOURCE);
    // Configuration errors (unknown key, unknown backend, unreachable server) surface here, at
    // open, as a StoreException whose message names the key; passwords are never included.
    try (Store store = Stores.open(file)) {
      roundTrip(store, System.out);
    } catch (StoreException e) {
      System.err.println(file + ": " + e.kind() + ": " + e.getMessage());
      System.exit(1);
    }
  }

  /** Creates, reads back and deletes one container in namespace {@code config-example}. */
  public static void roundTrip(Store store, PrintStream out) {
    Context ctx = Context.withNamespace("config-example");
    Container probe = Quickstart.container("probe", "docker.io/library/busybox:1.37", "true").build();
    try {
      store.delete(ctx, probe.id()); // left over from an interrupted earlier run?
    } catch (dev.ctrstore.NotFoundException expected) {
      // the usual case
    }
    Container created = store.create(ctx, probe);
    Container read = store.get(ctx, probe.id());
    store.delete(ctx, probe.id());
    out.println("round trip ok: created, read back" + (read.equals(created) ? " identical" : " DIFFERENT")
        + " and deleted container " + probe.id());
  }
}
