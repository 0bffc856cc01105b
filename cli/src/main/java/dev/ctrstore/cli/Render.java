package dev.ctrstore.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import dev.ctrstore.Container;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns containers into the CLI's two output formats: aligned columns for people, JSON for
 * scripts. In JSON an {@link Any} is {@code {"type_url": …, "value": <base64>}}, the protobuf
 * JSON shape of an unknown message, so nothing is lost or guessed.
 */
final class Render {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Render() {}

  /** One container as a JSON object. */
  static ObjectNode json(Container c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", c.id());
    ObjectNode labels = o.putObject("labels");
    c.labels().forEach(labels::put);
    o.put("image", c.image());
    ObjectNode runtime = o.putObject("runtime");
    runtime.put("name", c.runtime().name());
    runtime.set("options", any(c.runtime().options()));
    o.set("spec", any(c.spec()));
    o.put("snapshotter", c.snapshotter());
    o.put("snapshotKey", c.snapshotKey());
    o.put("sandboxId", c.sandboxId());
    o.put("createdAt", time(c.createdAt()));
    o.put("updatedAt", time(c.updatedAt()));
    ObjectNode extensions = o.putObject("extensions");
    c.extensions().forEach((k, v) -> extensions.set(k, any(v)));
    return o;
  }

  /** Containers as a JSON array. */
  static ArrayNode json(List<Container> containers) {
    ArrayNode a = JSON.createArrayNode();
    containers.forEach(c -> a.add(json(c)));
    return a;
  }

  /** Ids as a JSON array of strings. */
  static ArrayNode jsonIds(List<String> ids) {
    ArrayNode a = JSON.createArrayNode();
    ids.forEach(a::add);
    return a;
  }

  /** A JSON object of labels. */
  static ObjectNode jsonLabels(Map<String, String> labels) {
    ObjectNode o = JSON.createObjectNode();
    labels.forEach(o::put);
    return o;
  }

  static String text(Object node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  private static @Nullable ObjectNode any(@Nullable Any any) {
    if (any == null) {
      return null;
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("type_url", any.getTypeUrl());
    o.put("value", Base64.getEncoder().encodeToString(any.getValue().toByteArray()));
    return o;
  }

  private static @Nullable String time(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }

  /** An Any for people: its type URL and size. */
  static String describe(@Nullable Any any) {
    return any == null ? "-" : any.getTypeUrl() + " (" + any.getValue().size() + " bytes)";
  }

  /**
   * Rows as columns separated by at least four spaces, like the tab writer {@code ctr} uses; the
   * last column is not padded.
   */
  static String table(List<List<String>> rows) {
    List<Integer> widths = new ArrayList<>();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (widths.size() <= i) {
          widths.add(0);
        }
        widths.set(i, Math.max(widths.get(i), row.get(i).length()));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        sb.append(row.get(i));
        if (i < row.size() - 1) {
          sb.append(" ".repeat(widths.get(i) - row.get(i).length() + 4));
        }
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }

  /** {@code s}, or {@code -} when empty, so that columns never collapse. */
  /** {@code s} as it is when it fits on one line, else as a JSON string ({@code "a\nb"}). */
  static String oneLine(String s) {
    if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    try {
      return JSON.writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String orDash(String s) {
    return s.isEmpty() ? "-" : s;
  }
}
