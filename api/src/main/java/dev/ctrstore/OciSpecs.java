package dev.ctrstore;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.internal.JsonSyntax;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * OCI runtime specs as containerd stores them: an {@link Any} whose type URL is {@value
 * #TYPE_URL} and whose value is the spec's JSON text in UTF-8 (containerd registers the OCI
 * {@code Spec} type as JSON, not as a protobuf message). A record whose spec was made here reads
 * the same in containerd's own tools.
 *
 * <p>{@link #json(String)} checks only that the text is one well-formed JSON object; it does
 * not check the OCI schema, and it keeps the text byte for byte (no reformatting), as the store
 * keeps every {@code Any}. See docs/semantics.md §1.2.
 *
 * <pre>{@code
 * Container c = Container.builder()
 *     .id("redis-1")
 *     .runtime("io.containerd.runc.v2")
 *     .ociSpec("{\"ociVersion\": \"1.1.0\", \"root\": {\"path\": \"rootfs\"}}")
 *     .build();
 * String json = OciSpecs.toJson(c.spec());
 * }</pre>
 */
public final class OciSpecs {
  /** The type URL containerd gives the OCI runtime spec. */
  public static final String TYPE_URL = "types.containerd.io/opencontainers/runtime-spec/1/Spec";

  private OciSpecs() {}

  /**
   * The spec whose JSON is {@code json}, packed as containerd packs it.
   *
   * @throws InvalidArgumentException if {@code json} is null or not exactly one JSON object;
   *     the message names {@code spec} and says where the text goes wrong
   */
  public static Any json(String json) {
    if (json == null) {
      throw new InvalidArgumentException("spec: JSON text must not be null");
    }
    String problem = JsonSyntax.objectProblem(json);
    if (problem != null) {
      throw new InvalidArgumentException("spec: not a JSON object: " + problem);
    }
    return Any.newBuilder()
        .setTypeUrl(TYPE_URL)
        .setValue(ByteString.copyFromUtf8(json))
        .build();
  }

  /** True when {@code spec} is packed as containerd packs an OCI spec (by its type URL). */
  public static boolean isOciSpec(@Nullable Any spec) {
    return spec != null && TYPE_URL.equals(spec.getTypeUrl());
  }

  /**
   * The JSON text of an OCI spec packed as containerd packs it (by {@link #json(String)}, by
   * containerd, or by any other tool that follows it).
   *
   * @throws InvalidArgumentException if {@code spec} is null or its type URL is not {@value
   *     #TYPE_URL}
   */
  public static String toJson(Any spec) {
    if (spec == null) {
      throw new InvalidArgumentException("spec: must not be null");
    }
    if (!isOciSpec(spec)) {
      throw new InvalidArgumentException("spec: type URL \"" + spec.getTypeUrl()
          + "\" is not the OCI runtime spec's (" + TYPE_URL + ")");
    }
    return spec.getValue().toString(StandardCharsets.UTF_8);
  }
}
