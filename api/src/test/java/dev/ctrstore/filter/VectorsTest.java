package dev.ctrstore.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The filter lines of containerd v1.7.0's reference vectors (copied into test resources): every
 * List call must give the same ids, or fail with InvalidArgument where containerd did.
 */
class VectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> filterVectors() throws IOException {
    List<Container> containers = containers();
    assertEquals(40, containers.size());
    List<DynamicTest> tests = new ArrayList<>();
    int n = 0;
    for (String line : resource("/vectors/filters.jsonl").lines().toList()) {
      JsonNode v = JSON.readTree(line);
      String[] filters = new String[v.get("filters").size()];
      for (int i = 0; i < filters.length; i++) {
        filters[i] = v.get("filters").get(i).asText();
      }
      n++;
      String name = "line " + n + " " + v.get("filters");
      if (v.has("error")) {
        tests.add(DynamicTest.dynamicTest(name,
            () -> assertThrows(InvalidArgumentException.class, () -> Filters.parse(filters))));
      } else {
        List<String> expected = new ArrayList<>();
        v.get("match").forEach(id -> expected.add(id.asText()));
        tests.add(DynamicTest.dynamicTest(name, () -> {
          Filter f = Filters.parse(filters);
          assertEquals(expected, containers.stream().filter(f).map(Container::id).toList());
        }));
      }
    }
    assertEquals(347, tests.size());
    return tests.stream();
  }

  private static List<Container> containers() throws IOException {
    List<Container> out = new ArrayList<>();
    for (JsonNode c : JSON.readTree(resource("/vectors/containers.json"))) {
      Container.Builder b = Container.builder().id(c.get("id").asText())
          .image(c.path("image").asText("")).runtime(c.path("runtime").path("name").asText(""))
          .snapshotter(c.path("snapshotter").asText("")).snapshotKey(c.path("snapshotKey").asText(""));
      c.path("labels").fields().forEachRemaining(e -> b.label(e.getKey(), e.getValue().asText()));
      JsonNode spec = c.get("spec");
      if (spec != null && !spec.isNull()) {
        b.spec(Any.newBuilder().setTypeUrl(spec.get("type_url").asText())
            .setValue(ByteString.copyFrom(Base64.getDecoder().decode(spec.get("value_base64").asText())))
            .build());
      }
      out.add(b.build());
    }
    // The vectors list ids sorted; containerd's order is byte order of the ids (D-11, docs/semantics.md §9).
    out.sort((x, y) -> compareUtf8(x.id(), y.id()));
    return out;
  }

  private static int compareUtf8(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = VectorsTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
