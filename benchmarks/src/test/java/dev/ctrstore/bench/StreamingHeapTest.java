package dev.ctrstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The small, every-build version of {@link StreamHeapProof}: surefire runs this class alone in
 * a JVM with {@code -Xmx24m} (see the pom), and the test streams from H2 more than twice that in
 * container specs (H2's page cache set to 2 MB to fit). {@code list} would have to hold them all at once; {@code stream} holds a page.
 * A page is {@code Pages.PAGE_SIZE} (spi-jdbc) rows, so the bound is that many rows, whatever N.
 * The 1,000,000-container version is a separate command (docs/benchmarks.md).
 */
class StreamingHeapTest {
  static final int N = 6_500;
  static final int SPEC_BYTES = 8 * 1024;

  @Test
  void streamsMoreThanTheHeapHolds() throws Exception {
    long maxHeap = Runtime.getRuntime().maxMemory();
    boolean small = maxHeap <= 64L << 20;
    // The pom's small-heap execution sets the property, so there a big heap fails the test;
    // anywhere else (say, -Dtest=…) it is skipped.
    if (Boolean.getBoolean("stream.heap.required")) {
      assertTrue(small, "this test must run with a small heap (-Xmx24m), has " + maxHeap);
    }
    assumeTrue(small, "needs a small heap (-Xmx24m); run by the small-heap execution");
    Path dir = Paths.get("target/stream-heap-test").toAbsolutePath();
    Fixtures.deleteTree(dir);

    StreamHeapProof.Result r = StreamHeapProof.run(dir, N, SPEC_BYTES, ";CACHE_SIZE=2048");
    System.out.println("StreamingHeapTest: " + r);

    assertEquals(N, r.containers());
    assertEquals((long) N * SPEC_BYTES, r.payloadBytes());
    assertTrue(r.payloadBytes() > 2 * maxHeap,
        "the data (" + r.payloadBytes() + " bytes) must exceed twice the heap (" + maxHeap + ")");
    Fixtures.deleteTree(dir);
  }
}
