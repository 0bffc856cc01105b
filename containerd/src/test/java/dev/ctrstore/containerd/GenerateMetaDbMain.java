package dev.ctrstore.containerd;

import dev.ctrstore.Container;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Writes a large meta.db for measurements (the 100,000-container import of the README):
 * {@code GenerateMetaDbMain FILE COUNT [SPEC_BYTES]}, the containers split over the namespaces
 * {@code default} and {@code k8s.io}, each with labels, runtime options on every other one, an
 * extension and a spec of SPEC_BYTES (default 1,024). Run with the module's test class path.
 */
public final class GenerateMetaDbMain {
  private GenerateMetaDbMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    int specBytes = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
    Map<String, Iterator<Container>> namespaces = new LinkedHashMap<>();
    namespaces.put("default", generated(0, count / 2, specBytes));
    namespaces.put("k8s.io", generated(count / 2, count, specBytes));
    MetaDbGenerator.write(file, namespaces);
    System.out.println(count + " containers written to " + file);
  }

  private static Iterator<Container> generated(int from, int to, int specBytes) {
    return new Iterator<>() {
      int i = from;

      @Override
      public boolean hasNext() {
        return i < to;
      }

      @Override
      public Container next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Container c = GeneratedMetaDbTest.container(String.format("ctr-%07d", i), i);
        c = c.toBuilder().spec(GeneratedMetaDbTest.any(
            "types.containerd.io/opencontainers/runtime-spec/1/Spec", specBytes)).build();
        i++;
        return c;
      }
    };
  }
}
