package dev.ctrstore.jdbc;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;

/** Run in a child JVM by {@link CrashDurabilityTestBase}: writes, then dies without closing anything. */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) {
    Store s = JdbcStores.open(args[0]);
    int n = Integer.parseInt(args[1]);
    Context ctx = Context.withNamespace("crash");
    for (int i = 0; i < n; i++) {
      s.create(ctx, Container.builder().id("c" + i).runtime("rt").spec(Any.getDefaultInstance()).build());
    }
    System.out.println("wrote " + n);
    System.out.flush();
    Runtime.getRuntime().halt(9); // like kill -9: no close, no shutdown hooks
  }
}
