package dev.ctrstore.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.RuntimeInfo;
import dev.ctrstore.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.function.Executable;

/**
 * Builders for valid containers, fresh identifiers and error assertions, shared by the checks of
 * {@link StoreConformanceTest}. Public so that a backend's own tests can reuse them.
 */
public final class Fixtures {
  /** The runtime every fixture container uses unless a check says otherwise. */
  public static final String RUNTIME = "io.containerd.runc.v2";
  /** The type URL of the fixture spec. */
  public static final String SPEC_TYPE = "types.containerd.io/opencontainers/runtime-spec/1/Spec";

  private static final AtomicLong COUNTER = new AtomicLong();

  private Fixtures() {}

  /**
   * A namespace no earlier run has used: {@code ct-} and a random UUID (39 bytes, a valid
   * identifier), so the kit can run against persistent databases shared across runs.
   */
  public static String newNamespace() {
    return "ct-" + UUID.randomUUID();
  }

  /** A container id unique within this JVM, e.g. {@code c-17}. */
  public static String newId() {
    return "c-" + COUNTER.incrementAndGet();
  }

  /** The fixture spec: an OCI spec JSON document packed in an {@link Any}. */
  public static Any spec() {
    return any(SPEC_TYPE, "{\"ociVersion\":\"1.1.0\"}");
  }

  /** An {@link Any} with the given type URL and the UTF-8 bytes of {@code value}. */
  public static Any any(String typeUrl, String value) {
    return Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFromUtf8(value)).build();
  }

  /** An {@link Any} with the given type URL and raw bytes. */
  public static Any any(String typeUrl, byte[] value) {
    return Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFrom(value)).build();
  }

  /** The empty {@link Any}: type URL {@code ""} and no bytes, a real value distinct from null. */
  public static Any emptyAny() {
    return Any.getDefaultInstance();
  }

  /** A builder for the smallest valid container: id, runtime {@link #RUNTIME}, spec. */
  public static Container.Builder container(String id) {
    return Container.builder().id(id).runtime(RUNTIME).spec(spec());
  }

  /** A builder for a valid container that sets every field (timestamps aside). */
  public static Container.Builder fullContainer(String id) {
    return Container.builder()
        .id(id)
        .labels(java.util.Map.of("env", "prod", "io.k8s.pod", "p1", "app/name", "redis"))
        .image("docker.io/library/redis:7")
        .runtime(new RuntimeInfo(RUNTIME, any("io.containerd.runc.v1.Options", "opts")))
        .spec(spec())
        .snapshotter("overlayfs")
        .snapshotKey(id + "-snap")
        .extension("ext1", any("test.ext/one", "one"))
        .extension("ext2", any("test.ext/two", new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80}))
        .sandboxId("sandbox-1");
  }

  /**
   * {@code c} with both timestamps and the revision cleared, to compare content regardless of
   * store times and of whether the store keeps revisions.
   */
  public static Container untimed(Container c) {
    return c.toBuilder().createdAt(null).updatedAt(null).revision(0).build();
  }

  /** A string of {@code count} repetitions of {@code s}. */
  public static String repeat(String s, int count) {
    return s.repeat(count);
  }

  /** The UTF-8 length of {@code s} in bytes. */
  public static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The ids of {@code containers}, in order. */
  public static List<String> ids(List<Container> containers) {
    return containers.stream().map(Container::id).toList();
  }

  /**
   * Asserts that {@code call} throws {@code type} with {@link StoreException#kind()} equal to
   * {@code kind}, and returns the exception.
   */
  public static <T extends StoreException> T assertError(
      Class<T> type, ErrorKind kind, Executable call) {
    T e = assertThrows(type, call);
    assertEquals(kind, e.kind(), () -> "kind of " + e);
    return e;
  }
}
