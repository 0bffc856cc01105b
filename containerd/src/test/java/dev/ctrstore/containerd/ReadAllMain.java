package dev.ctrstore.containerd;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Reads every container of a meta.db and prints {@code <count> <spec bytes> <peak heap bytes>}:
 * run in a child JVM with a small heap by {@link LargeMetaDbTest}.
 */
public final class ReadAllMain {
  private ReadAllMain() {}

  public static void main(String[] args) {
    long[] n = new long[2];
    try (MetaDb db = MetaDb.open(Path.of(args[0]))) {
      db.containers().forEach(c -> {
        n[0]++;
        n[1] += c.container().spec().getValue().size();
      });
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println(n[0] + " " + n[1] + " " + peak);
  }
}
