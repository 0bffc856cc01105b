package dev.ctrstore.reliability;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * The process {@link CrashTest} kills: opens the default {@code jdbc} store (no URL configured,
 * so the embedded SQLite file under the working directory) and writes in a loop until killed. Before
 * each write it prints {@code BEGIN <op> <id> <token>}, after it returns {@code ACK}; the parent
 * reads these lines, so it knows every write that returned and the one that may be in flight.
 */
public final class CrashChild {
  static final String NAMESPACE = "crash";

  private CrashChild() {}

  public static void main(String[] args) {
    int round = Integer.parseInt(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    PrintStream out = System.out;
    Properties config = new Properties();
    config.setProperty("ctrstore.backend", "jdbc");
    try (Store store = Stores.open(config)) {
      Context ctx = Context.withNamespace(NAMESPACE);
      List<String> ids = new ArrayList<>(store.list(ctx).stream().map(Container::id).toList());
      out.println("READY " + ids.size());
      out.flush();
      for (long n = 0; ; n++) {
        String token = "r" + round + "n" + n;
        int pick = random.nextInt(10);
        if (ids.isEmpty() || pick < 4) {
          String id = "k" + round + "-" + n;
          out.println("BEGIN C " + id + " " + token);
          out.flush();
          store.create(ctx, Rel.tokened(id, token));
          ids.add(id);
        } else if (pick < 9) {
          String id = ids.get(random.nextInt(ids.size()));
          out.println("BEGIN U " + id + " " + token);
          out.flush();
          if (random.nextBoolean()) {
            store.update(ctx, Rel.tokened(id, token));
          } else {
            store.update(ctx, Rel.tokened(id, token),
                "labels", "image", "spec", "extensions");
          }
        } else {
          String id = ids.remove(random.nextInt(ids.size()));
          out.println("BEGIN D " + id + " -");
          out.flush();
          store.delete(ctx, id);
        }
        out.println("ACK");
        out.flush();
      }
    }
  }
}
