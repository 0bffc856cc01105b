package dev.ctrstore.filter;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import java.util.Map;

/** The four sample containers of spec section 8.9. */
final class Samples {
  private Samples() {}

  private static final Any SPEC = Any.newBuilder()
      .setTypeUrl("types.containerd.io/opencontainers/runtime-spec/1/Spec")
      .setValue(ByteString.copyFromUtf8("{}"))
      .build();

  static final Container C1 = Container.builder().id("redis-1").image("docker.io/library/redis:7")
      .runtime("io.containerd.runc.v2").spec(SPEC)
      .labels(Map.of("env", "prod", "tier", "db", "io.k8s.pod", "p1", "app/name", "redis"))
      .build();
  static final Container C2 = Container.builder().id("web.2")
      .image("docker.io/library/nginx:latest").runtime("io.containerd.runc.v2").spec(SPEC)
      .labels(Map.of("env", "dev", "Env", "PROD", "tier", "web", "a.b", "dotted",
          "region", "eu,west"))
      .build();
  static final Container C3 = Container.builder().id("Kata3").runtime("io.containerd.kata.v2")
      .spec(SPEC).labels(Map.of("env", "Prod", "quote\"key", "q", "sp ace", "x y", "pad", " "))
      .build();
  static final Container C4 = Container.builder().id("bare").image("registry.local:5000/app")
      .runtime("runsc").spec(SPEC).snapshotter("overlayfs").snapshotKey("bare-snap").build();

  static final Map<String, Container> BY_NAME = Map.of("C1", C1, "C2", C2, "C3", C3, "C4", C4);
}
