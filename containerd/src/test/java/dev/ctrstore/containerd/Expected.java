package dev.ctrstore.containerd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.RuntimeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The fixtures: containerd-written meta.db files and what containerd read back from them. */
final class Expected {
  private Expected() {}

  /** A fixture copied to {@code dir} (gunzipped when its name ends in .gz). */
  static Path fixture(String name, Path dir) {
    String resource = "/containerd-metadb/" + name;
    Path out = dir.resolve(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name);
    try (InputStream raw = Expected.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The expected containers by namespace, in the JSON file's order. */
  static Map<String, List<Container>> containers(String jsonResource) {
    JsonNode root;
    try (InputStream raw = Expected.class.getResourceAsStream("/containerd-metadb/" + jsonResource)) {
      InputStream in = jsonResource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<Container>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("namespaces").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> ns = it.next();
      List<Container> list = new ArrayList<>();
      ns.getValue().forEach(c -> list.add(container(c)));
      out.put(ns.getKey(), list);
    }
    return out;
  }

  private static Container container(JsonNode c) {
    Container.Builder b = Container.builder()
        .id(c.get("id").asText())
        .image(c.get("image").asText())
        .runtime(new RuntimeInfo(c.get("runtime").get("name").asText(),
            any(c.get("runtime").get("options"))))
        .spec(any(c.get("spec")))
        .snapshotter(c.get("snapshotter").asText())
        .snapshotKey(c.get("snapshotKey").asText())
        .sandboxId(c.get("sandboxId").asText())
        .createdAt(time(c.get("createdAt")))
        .updatedAt(time(c.get("updatedAt")));
    c.get("labels").fields().forEachRemaining(e -> b.label(e.getKey(), e.getValue().asText()));
    c.get("extensions").fields().forEachRemaining(e -> b.extension(e.getKey(), any(e.getValue())));
    return b.build();
  }

  private static Instant time(JsonNode t) {
    return Instant.parse(t.asText()).truncatedTo(ChronoUnit.MICROS);
  }

  private static Any any(JsonNode a) {
    if (a == null || a.isNull()) {
      return null;
    }
    return Any.newBuilder()
        .setTypeUrl(a.get("type_url").asText())
        .setValue(ByteString.copyFrom(Base64.getDecoder().decode(a.get("value_base64").asText())))
        .build();
  }
}
