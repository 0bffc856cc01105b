package dev.ctrstore.jdbc;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link CrashDurabilityTestBase}: four threads create, update and delete
 * containers of one round until the process is killed, printing a line for each write only after
 * the call returned, so the parent knows which writes were acknowledged when it killed the
 * process. Arguments: the URL and the round number (which prefixes every id).
 */
public final class KillWriter {
  private KillWriter() {}

  public static void main(String[] args) throws InterruptedException {
    Store s = JdbcStores.open(args[0]);
    String round = args[1];
    Context ctx = Context.withNamespace("crash");
    PrintStream out = System.out;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(new Thread(() -> {
        for (int i = 0; ; i++) {
          String id = "r" + round + "-t" + thread + "-" + i;
          s.create(ctx, Container.builder().id(id).runtime("rt").label("n", "0")
              .spec(Any.getDefaultInstance()).build());
          ack(out, "created " + id);
          s.update(ctx, Container.builder().id(id).label("n", "1").build(), "labels.n");
          ack(out, "updated " + id);
          if (i % 3 == 0) {
            s.delete(ctx, id);
            ack(out, "deleted " + id);
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
  }

  private static void ack(PrintStream out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
