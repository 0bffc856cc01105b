package dev.ctrstore.bench;

import dev.ctrstore.Container;
import dev.ctrstore.Store;
import dev.ctrstore.jdbc.JdbcStores;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Proof that {@link Store#stream} on the JDBC backend runs in a bounded heap: N containers in an
 * H2 file are streamed by a JVM whose heap is several times smaller than the data.
 *
 * <pre>
 * java -Xmx64m -cp … dev.ctrstore.bench.StreamHeapProof 1000000 [specBytes=1024] [dir=target/stream-proof]
 * java -Xmx64m -cp … dev.ctrstore.bench.StreamHeapProof jdbc:h2:file:…   (an existing store)
 * </pre>
 *
 * The fixture is loaded through the store when the file does not hold N containers yet (with
 * H2's default WRITE_DELAY, as a bulk load needs no per-commit flush); the stream itself uses the
 * backend's default URL settings.
 */
public final class StreamHeapProof {
  private StreamHeapProof() {}

  /** What one proof measured. */
  public record Result(long containers, long payloadBytes, long maxHeap, long peakHeap, double seconds) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "streamed %,d containers (%,.1f MB of specs) in %.1f s; max heap (-Xmx) %,.1f MB;"
              + " peak heap used %,.1f MB (sum of the heap pools' peaks, an upper bound); data/heap = %.1f",
          containers, payloadBytes / 1e6, seconds, maxHeap / 1e6, peakHeap / 1e6,
          (double) payloadBytes / maxHeap);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].startsWith("jdbc:")) {
      // An existing store (e.g. a benchmark fixture kept with --keep): stream it, load nothing.
      System.out.println(stream(args[0]));
      return;
    }
    int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    int specBytes = args.length > 1 ? Integer.parseInt(args[1]) : Fixtures.SPEC_BYTES;
    Path dir = Paths.get(args.length > 2 ? args[2] : "target/stream-proof").toAbsolutePath();
    System.out.println(run(dir, n, specBytes, 2, ""));
  }

  static String url(Path dir, boolean bulk, String extra) {
    return "jdbc:h2:file:" + dir.resolve("stream") + (bulk ? "" : ";WRITE_DELAY=0") + extra;
  }

  /**
   * Loads (if needed) and streams; returns what was measured. {@code extra} is appended to the
   * H2 URL (e.g. {@code ;CACHE_SIZE=2048} for a heap too small for H2's default 16 MB cache).
   */
  public static Result run(Path dir, int n, int specBytes, int loadThreads, String extra)
      throws Exception {
    Files.createDirectories(dir);
    if (count(dir, extra) != n) {
      Fixtures.deleteTree(dir);
      Files.createDirectories(dir);
      long t0 = System.nanoTime();
      try (Store s = JdbcStores.open(url(dir, true, extra))) {
        AtomicInteger next = new AtomicInteger();
        Thread[] threads = new Thread[loadThreads];
        for (int t = 0; t < threads.length; t++) {
          threads[t] = new Thread(() -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
              s.create(Fixtures.CTX, Fixtures.container(Fixtures.id(i), i).toBuilder()
                  .spec(Fixtures.spec(i, specBytes)).build());
            }
          });
          threads[t].start();
        }
        for (Thread t : threads) {
          t.join();
        }
      }
      System.out.printf(Locale.ROOT, "# loaded %,d containers in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    }

    return stream(url(dir, false, extra));
  }

  /** Streams every container of {@link Fixtures#NS} from the store at {@code url}, measuring the heap. */
  public static Result stream(String url) {
    for (int k = 0; k < 3; k++) {
      System.gc();
    }
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
    long t0 = System.nanoTime();
    long count = 0;
    long bytes = 0;
    String last = "";
    try (Store s = JdbcStores.open(url);
        Stream<Container> stream = s.stream(Fixtures.CTX)) {
      for (Iterator<Container> it = stream.iterator(); it.hasNext(); ) {
        Container c = it.next();
        if (c.id().compareTo(last) <= 0) {
          throw new IllegalStateException("out of order: " + c.id() + " after " + last);
        }
        last = c.id();
        count++;
        bytes += c.spec().getValue().size();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    return new Result(count, bytes, Runtime.getRuntime().maxMemory(), peak, seconds);
  }

  private static long count(Path dir, String extra) {
    if (!Files.exists(dir.resolve("stream.mv.db"))) {
      return -1;
    }
    try (Connection c = DriverManager.getConnection(url(dir, true, extra));
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ctr_container WHERE ns = ?")) {
      ps.setBytes(1, Fixtures.NS.getBytes(StandardCharsets.UTF_8));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      return -1; // no schema yet
    }
  }
}
