package dev.ctrstore.containerd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated meta.db whose containers hold several times the heap allowed is read in a child
 * JVM with that small heap: the reader streams, it does not load the file.
 */
class LargeMetaDbTest {
  private static final int CONTAINERS = 25_000;
  private static final int SPEC_BYTES = 4_000;
  private static final String HEAP = "-Xmx24m";

  @TempDir Path dir;

  @Test
  void readsAFileManyTimesLargerThanTheHeap() throws Exception {
    Path file = dir.resolve("meta.db");
    MetaDbGenerator.write(file, Map.of("default", generated()));
    long specBytes = (long) CONTAINERS * SPEC_BYTES;
    assertTrue(specBytes > 3L * 24 * 1024 * 1024, "the specs alone exceed the heap 3 times");

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, HEAP, "-cp", System.getProperty("java.class.path"),
        ReadAllMain.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    String[] parts = out.split(" ");
    assertEquals(CONTAINERS, Long.parseLong(parts[0]), out);
    assertEquals(specBytes, Long.parseLong(parts[1]), out);
  }

  private static Iterator<Container> generated() {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < CONTAINERS;
      }

      @Override
      public Container next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Container c = GeneratedMetaDbTest.container(String.format("ctr-%06d", i), i);
        c = c.toBuilder().spec(GeneratedMetaDbTest.any("t/spec", SPEC_BYTES)).build();
        i++;
        return c;
      }
    };
  }

  @SuppressWarnings("unused")
  private static long size(Path f) throws IOException {
    return Files.size(f);
  }
}
