package dev.ctrstore.jdbc;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link SqliteMultiProcessTest}: opens a store on {@code url}, says
 * "ready", waits for the file {@code go} to appear, then creates {@code n} containers named
 * {@code <prefix>-<i>} and updates each one's label {@code x}, and closes the store.
 */
public final class ParallelWriter {
  private ParallelWriter() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path go = Path.of(args[1]);
    String prefix = args[2];
    int n = Integer.parseInt(args[3]);
    Context ctx = Context.withNamespace("mp");
    try (Store s = JdbcStores.open(url)) {
      System.out.println("ready");
      System.out.flush();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!Files.exists(go) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      for (int i = 0; i < n; i++) {
        s.create(ctx, Container.builder().id(prefix + "-" + i).runtime("rt")
            .spec(Any.getDefaultInstance()).label("x", "0").build());
      }
      for (int i = 0; i < n; i++) {
        s.update(ctx, Container.builder().id(prefix + "-" + i).runtime("rt")
            .spec(Any.getDefaultInstance()).label("x", "1").build(), "labels.x");
      }
    }
    System.out.println("done " + n);
  }
}
