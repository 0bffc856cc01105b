package dev.ctrstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * OCI runtime specs packed the way containerd packs them: an {@link Any} whose type URL is
 * {@value #TYPE_URL} and whose value is the spec's JSON (containerd registers the spec type as
 * JSON, not protobuf), so records written here read the same in containerd tooling.
 */
final class OciSpecs {
  /** The type URL containerd gives {@code specs.Spec}. */
  static final String TYPE_URL = "types.containerd.io/opencontainers/runtime-spec/1/Spec";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OciSpecs() {}

  /** A minimal Linux spec running {@code args} in {@code rootfs}, like {@code ctr create} makes. */
  static Any minimal(String hostname, List<String> args) {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("ociVersion", "1.1.0");
    ObjectNode process = spec.putObject("process");
    process.putObject("user").put("uid", 0).put("gid", 0);
    ArrayNode argv = process.putArray("args");
    args.forEach(argv::add);
    process.putArray("env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    process.put("cwd", "/");
    spec.putObject("root").put("path", "rootfs");
    spec.put("hostname", hostname);
    ArrayNode namespaces = spec.putObject("linux").putArray("namespaces");
    for (String ns : List.of("pid", "ipc", "uts", "mount", "network")) {
      namespaces.addObject().put("type", ns);
    }
    return pack(spec);
  }

  /** The spec in {@code file}, which must hold a JSON object. */
  static Any read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidArgumentException("spec file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read spec file " + file + ": " + e.getMessage());
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (IOException e) {
      // Jackson's messages span several lines; the first one says what is wrong.
      throw new InvalidArgumentException("spec file " + file + " is not valid JSON: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    if (node == null || !node.isObject()) {
      throw new InvalidArgumentException("spec file " + file + " must hold a JSON object");
    }
    return pack(node);
  }

  private static Any pack(JsonNode spec) {
    try {
      return Any.newBuilder()
          .setTypeUrl(TYPE_URL)
          .setValue(ByteString.copyFrom(JSON.writeValueAsBytes(spec)))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }
}
