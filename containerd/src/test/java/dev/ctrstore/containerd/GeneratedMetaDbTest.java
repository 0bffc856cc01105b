package dev.ctrstore.containerd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.RuntimeInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader against files from the test writer: multi-level trees, large values, edge cases. */
class GeneratedMetaDbTest {
  @TempDir Path dir;

  @Test
  void multiLevelTreesAndLargeValuesReadBackInIdOrder() throws Exception {
    List<Container> def = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      def.add(container(String.format("c-%05d", i), i));
    }
    // ids sort by bytes: upper case before lower case, digits first
    List<Container> other = new ArrayList<>(List.of(
        container("Zeta", 1).toBuilder()
            .spec(any("t/spec", 1 << 20)) // a 1 MiB spec: 257 pages
            .label("k".repeat(2048), "v".repeat(2048))
            .label("non-bmp", "\uD83D\uDC33 \uD801\uDC37")
            .runtime(new RuntimeInfo("io.containerd.runc.v2", Any.getDefaultInstance()))
            .extension("empty", Any.getDefaultInstance())
            .extension("type-only", Any.newBuilder().setTypeUrl("t/only").build())
            .build(),
        container("a", 2),
        container("z".repeat(76), 3)));
    other.sort((x, y) -> Arrays.compareUnsigned(x.id().getBytes(StandardCharsets.UTF_8),
        y.id().getBytes(StandardCharsets.UTF_8)));
    Map<String, List<Container>> all = new TreeMap<>();
    all.put("default", def);
    all.put("k8s.io", other);
    all.put("empty", List.of());
    Path file = dir.resolve("meta.db");
    Map<String, java.util.Iterator<Container>> input = new LinkedHashMap<>();
    all.forEach((ns, list) -> input.put(ns, list.iterator()));
    MetaDbGenerator.write(file, input);

    try (MetaDb db = MetaDb.open(file)) {
      assertEquals(List.of("default", "empty", "k8s.io"), db.namespaces());
      for (String ns : db.namespaces()) {
        assertEquals(all.get(ns), db.containers(ns).toList(), ns);
      }
      assertEquals(List.of(), db.containers("absent").toList());
      assertEquals(7, db.transaction());
    }
  }

  static Container container(String id, int i) {
    Instant created = Instant.parse("2026-12-01T19:15:28.577449Z").plusSeconds(i);
    return Container.builder()
        .id(id)
        .image("docker.io/library/busybox:" + i)
        .runtime(new RuntimeInfo("io.containerd.runc.v2",
            i % 2 == 0 ? null : any("containerd.runc.v1.Options", 12)))
        .spec(any("types.containerd.io/opencontainers/runtime-spec/1/Spec", 200 + i % 50))
        .label("app", "web-" + i)
        .label("idx", Integer.toString(i))
        .snapshotter("overlayfs")
        .snapshotKey("key-" + i)
        .sandboxId(i % 3 == 0 ? "sb-" + i : "")
        .extension("x", any("t/x", 5))
        .createdAt(created)
        .updatedAt(created.plusNanos(1000L * i))
        .build();
  }

  static Any any(String typeUrl, int size) {
    byte[] v = new byte[size];
    for (int i = 0; i < size; i++) {
      v[i] = (byte) ('a' + i % 26);
    }
    return Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFrom(v)).build();
  }
}
