package dev.ctrstore.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NamespacedContainer;
import dev.ctrstore.RuntimeInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The export format: JSON Lines, one container per line, the object {@code info --format json}
 * prints with its {@code namespace} first. Any values are {@code {"type_url", "value"}} with the
 * value in standard base64; times are RFC 3339 in UTC. Reading is strict: an unknown field, a
 * wrong type or a bad value is an {@link InvalidArgumentException} naming the line and the field.
 */
final class ContainerLines {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("namespace", "id", "labels", "image",
      "runtime", "spec", "snapshotter", "snapshotKey", "sandboxId", "createdAt", "updatedAt",
      "extensions");

  private ContainerLines() {}

  /** One container as one line of JSON (no line break in it). */
  static String line(NamespacedContainer item) {
    ObjectNode o = JSON.createObjectNode();
    o.put("namespace", item.namespace());
    o.setAll(Render.json(item.container()));
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a container", e);
    }
  }

  /**
   * The container of one line.
   *
   * @param where how messages name the line, e.g. {@code export.jsonl line 7}
   */
  static NamespacedContainer parse(String line, String where) {
    JsonNode o;
    try {
      o = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException(where + ": not JSON: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      throw new InvalidArgumentException(where + ": must be a JSON object");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new InvalidArgumentException(where + ": unknown field \"" + f + "\"");
      }
    }
    String namespace = requiredText(o, "namespace", where);
    Container.Builder b = Container.builder()
        .id(requiredText(o, "id", where))
        .labels(strings(o.get("labels"), "labels", where))
        .image(text(o, "image", where))
        .spec(any(o.get("spec"), "spec", where))
        .snapshotter(text(o, "snapshotter", where))
        .snapshotKey(text(o, "snapshotKey", where))
        .sandboxId(text(o, "sandboxId", where))
        .createdAt(time(o, "createdAt", where))
        .updatedAt(time(o, "updatedAt", where));
    JsonNode runtime = o.get("runtime");
    if (runtime != null && !runtime.isNull()) {
      if (!runtime.isObject()) {
        throw new InvalidArgumentException(where + ": runtime must be an object");
      }
      b.runtime(new RuntimeInfo(text(runtime, "name", where + ": runtime"),
          any(runtime.get("options"), "runtime.options", where)));
    }
    JsonNode ext = o.get("extensions");
    if (ext != null && !ext.isNull()) {
      if (!ext.isObject()) {
        throw new InvalidArgumentException(where + ": extensions must be an object");
      }
      Map<String, @Nullable Any> extensions = new LinkedHashMap<>();
      ext.fields().forEachRemaining(e -> extensions.put(e.getKey(),
          any(e.getValue(), "extensions." + e.getKey(), where)));
      b.extensions(extensions);
    }
    return new NamespacedContainer(namespace, b.build());
  }

  private static String requiredText(JsonNode o, String field, String where) {
    String s = text(o, field, where);
    if (s.isEmpty()) {
      throw new InvalidArgumentException(where + ": " + field + " is required");
    }
    return s;
  }

  private static String text(JsonNode o, String field, String where) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new InvalidArgumentException(where + ": " + field + " must be a string");
    }
    return v.textValue();
  }

  private static Map<String, String> strings(@Nullable JsonNode v, String field, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      throw new InvalidArgumentException(where + ": " + field + " must be an object of strings");
    }
    v.fields().forEachRemaining(e -> {
      if (!e.getValue().isTextual()) {
        throw new InvalidArgumentException(where + ": " + field + "." + e.getKey()
            + " must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    });
    return out;
  }

  private static @Nullable Any any(@Nullable JsonNode v, String field, String where) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new InvalidArgumentException(where + ": " + field
          + " must be an object {\"type_url\", \"value\"} or null");
    }
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("type_url") && !f.equals("value")) {
        throw new InvalidArgumentException(where + ": " + field + ": unknown field \"" + f + "\"");
      }
    }
    String typeUrl = text(v, "type_url", where + ": " + field);
    byte[] value;
    try {
      value = Base64.getDecoder().decode(text(v, "value", where + ": " + field));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(where + ": " + field + ".value must be standard base64: "
          + e.getMessage());
    }
    return Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFrom(value)).build();
  }

  private static @Nullable Instant time(JsonNode o, String field, String where) {
    String s = text(o, field, where);
    if (s.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new InvalidArgumentException(where + ": " + field + " must be an RFC 3339 time in UTC"
          + " such as 2024-01-02T03:04:05.123456Z (was \"" + s + "\")");
    }
  }
}
