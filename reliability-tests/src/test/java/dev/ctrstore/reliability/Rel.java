package dev.ctrstore.reliability;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.jdbc.JdbcStores;
import dev.ctrstore.memory.MemoryStoreProvider;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Shared helpers: stores, fresh namespaces, and containers whose every part carries one token. */
final class Rel {
  static final String RUNTIME = "io.containerd.runc.v2";
  static final String SPEC_TYPE = "types.containerd.io/opencontainers/runtime-spec/1/Spec";

  private Rel() {}

  static String newNamespace() {
    return "rel-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  static Context ctx(String ns) {
    return Context.withNamespace(ns);
  }

  static Any any(String typeUrl, String value) {
    return Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFromUtf8(value)).build();
  }

  static Any spec(String token) {
    return any(SPEC_TYPE, "{\"ociVersion\":\"1.1.0\",\"annotations\":{\"v\":\"" + token + "\"}}");
  }

  /**
   * A container whose labels ({@code v}, {@code a}, {@code b}), image, spec and extension all
   * carry {@code token}: a record that mixes two writes shows two tokens (see {@link #tokenOf}).
   */
  static Container tokened(String id, String token) {
    return Container.builder()
        .id(id)
        .runtime(RUNTIME)
        .snapshotter("overlayfs")
        .snapshotKey("snap-" + id)
        .image("registry.example/app:" + token)
        .spec(spec(token))
        .label("v", token)
        .label("a", "a-" + token)
        .label("b", "b-" + token)
        .extension("ext", any("test/ext", "ext-" + token))
        .build();
  }

  /** The token every part of {@code c} carries; fails, naming the parts, when they differ. */
  static String tokenOf(Container c) {
    String t = c.labels().get("v");
    Container expected = tokened(c.id(), String.valueOf(t));
    boolean whole = t != null
        && c.labels().equals(expected.labels())
        && c.image().equals(expected.image())
        && c.spec() != null && c.spec().equals(expected.spec())
        && c.extensions().equals(expected.extensions());
    if (!whole) {
      throw new AssertionError("container " + c.id() + " is partial (parts of different writes): "
          + c + " labels=" + c.labels() + " spec="
          + (c.spec() == null ? null : c.spec().getValue().toString(StandardCharsets.UTF_8))
          + " ext=" + c.extensions());
    }
    return t;
  }

  static Store memory() {
    return MemoryStoreProvider.openStore();
  }

  /** A named in-memory H2 store, private to this call. */
  static Store h2Memory() {
    return JdbcStores.open("jdbc:h2:mem:rel" + UUID.randomUUID().toString().replace("-", ""));
  }

  static Store jdbc(String url, Map<String, String> more) {
    Map<String, String> config = new HashMap<>(more);
    config.put("ctrstore.jdbc.url", url);
    return JdbcStores.open(config);
  }

  static Store jdbc(String url) {
    return jdbc(url, Map.of());
  }
}
