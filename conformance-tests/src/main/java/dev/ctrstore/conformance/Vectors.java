package dev.ctrstore.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.RuntimeInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the reference vectors recorded from containerd v1.7.0 (resources under
 * {@code dev/ctrstore/conformance/vectors/}): {@code containers.json}, {@code filters.jsonl} and
 * {@code updates.jsonl}. See the README of the shared vectors for their format.
 */
public final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  /** One List call over the 40 containers: filters and either the matching ids or an error. */
  public record FilterCase(int line, List<String> filters, @Nullable List<String> match,
      @Nullable String error, String source) {}

  /**
   * One case of containerd's create/update test: a record is created from {@code original}
   * (failing with {@code createError}, or giving {@code createResult}), then updated with
   * {@code input} and {@code fieldPaths} (failing with {@code updateError}); afterwards the
   * store holds {@code expected} (null: nothing). {@code storedOriginal} is the record as
   * stored before the update.
   */
  public record UpdateCase(int line, String name, @Nullable Container original,
      @Nullable ErrorKind createError, @Nullable Container createResult,
      @Nullable Container storedOriginal, @Nullable Container input, List<String> fieldPaths,
      @Nullable ErrorKind updateError, @Nullable Container expected) {
    @Override
    public String toString() {
      return name + " " + fieldPaths;
    }
  }

  /** The 40 containers of {@code containers.json}, as given to Create. */
  public static List<Container> containers() {
    JsonNode root = read("containers.json");
    List<Container> out = new ArrayList<>();
    root.forEach(n -> out.add(container(n)));
    return out;
  }

  /** The lines of {@code filters.jsonl}. */
  public static List<FilterCase> filterCases() {
    List<FilterCase> out = new ArrayList<>();
    List<JsonNode> lines = lines("filters.jsonl");
    for (int i = 0; i < lines.size(); i++) {
      JsonNode n = lines.get(i);
      List<String> filters = strings(n.get("filters"));
      List<String> match = n.hasNonNull("match") ? strings(n.get("match")) : null;
      String error = n.hasNonNull("error") ? n.get("error").asText() : null;
      out.add(new FilterCase(i + 1, filters, match, error, n.path("source").asText("")));
    }
    return out;
  }

  /** The lines of {@code updates.jsonl}. */
  public static List<UpdateCase> updateCases() {
    List<UpdateCase> out = new ArrayList<>();
    List<JsonNode> lines = lines("updates.jsonl");
    for (int i = 0; i < lines.size(); i++) {
      JsonNode n = lines.get(i);
      out.add(new UpdateCase(i + 1, n.path("name").asText(), container(n.get("original")),
          kind(n.get("create_error")), container(n.get("create_result")),
          container(n.get("stored_original")), container(n.get("input")),
          strings(n.path("fieldpaths")), kind(n.get("update_error")),
          container(n.get("expected"))));
    }
    return out;
  }

  /** A container from its vector form; null for a JSON null. */
  private static @Nullable Container container(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    Container.Builder b = Container.builder()
        .id(n.path("id").asText(""))
        .image(n.path("image").asText(""))
        .snapshotter(n.path("snapshotter").asText(""))
        .snapshotKey(n.path("snapshotKey").asText(""))
        .sandboxId(n.has("sandboxId") ? n.path("sandboxId").asText("") : n.path("sandbox").asText(""));
    JsonNode runtime = n.path("runtime");
    b.runtime(new RuntimeInfo(runtime.path("name").asText(""), any(runtime.get("options"))));
    b.spec(any(n.get("spec")));
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("labels").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.label(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("extensions").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.extension(e.getKey(), any(e.getValue()));
    }
    return b.build();
  }

  /** An Any from {@code {"type_url": …, "value_base64": …}}; null for a JSON null or absence. */
  private static @Nullable Any any(@Nullable JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    byte[] value = Base64.getDecoder().decode(n.path("value_base64").asText(""));
    return Any.newBuilder()
        .setTypeUrl(n.path("type_url").asText(""))
        .setValue(ByteString.copyFrom(value))
        .build();
  }

  /** The error kind named in a vector ({@code invalid_argument}, {@code not_found}, …). */
  private static @Nullable ErrorKind kind(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    return ErrorKind.valueOf(n.asText().toUpperCase(java.util.Locale.ROOT));
  }

  /** The strings of a JSON array. */
  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(s -> out.add(s.asText()));
    return out;
  }

  private static JsonNode read(String name) {
    try (InputStream in = open(name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> lines(String name) {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static InputStream open(String name) {
    InputStream in = Vectors.class.getResourceAsStream("vectors/" + name);
    if (in == null) {
      throw new IllegalStateException("missing kit resource dev/ctrstore/conformance/vectors/" + name);
    }
    return in;
  }
}
