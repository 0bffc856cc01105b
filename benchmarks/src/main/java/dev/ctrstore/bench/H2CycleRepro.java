package dev.ctrstore.bench;

import dev.ctrstore.Store;
import dev.ctrstore.jdbc.JdbcStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The store's own open/write/close cycle on one H2 file, each reopen right after the close (the
 * pattern of case 2 in docs/durability.md). Usage: {@code H2CycleRepro [cycles] [urlSuffix]}.
 * Each cycle opens a store, creates 5–44 containers of 2–6 KB (deleting every third one's
 * predecessor) and closes it; a lost write shows as a failed delete, a corrupt file as a failed
 * open. Exit status 1 on the first failure.
 */
public final class H2CycleRepro {
  private H2CycleRepro() {
  }

  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 250;
    String suffix = args.length > 1 ? args[1] : ";WRITE_DELAY=0";
    Path dir = Files.createTempDirectory("h2-cycles");
    String url = "jdbc:h2:file:" + dir.resolve("c") + suffix;
    int next = 0;
    for (int k = 0; k < cycles; k++) {
      try (Store s = JdbcStores.open(url)) {
        int writes = 5 + (k * 7) % 40;
        for (int j = 0; j < writes; j++) {
          int i = next++;
          s.create(Fixtures.CTX, Fixtures.container(Fixtures.id(i), i).toBuilder()
              .labels(Map.of()).spec(Fixtures.spec(i, 2048 + (i % 5) * 1024)).build());
          if (i % 3 == 0 && i > 0) {
            s.delete(Fixtures.CTX, Fixtures.id(i - 1));
          }
        }
      } catch (RuntimeException e) {
        Throwable t = e;
        while (t.getCause() != null) {
          t = t.getCause();
        }
        System.out.println(org.h2.engine.Constants.FULL_VERSION + ": cycle " + k + " of " + cycles + " FAILED: " + t);
        System.exit(1);
      }
    }
    System.out.println(org.h2.engine.Constants.FULL_VERSION + ": all " + cycles + " cycles OK (" + dir + ")");
  }
}
