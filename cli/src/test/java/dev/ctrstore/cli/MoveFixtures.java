package dev.ctrstore.cli;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.NamespacedContainer;
import dev.ctrstore.RuntimeInfo;
import dev.ctrstore.Store;
import dev.ctrstore.TransferOptions;
import dev.ctrstore.TransferReport;
import dev.ctrstore.Transfers;
import dev.ctrstore.memory.MemoryStoreProvider;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.spi.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Data and stores for the move commands' tests: containers with extreme payloads (a 1 MiB spec,
 * 4096-byte labels, non-BMP text, empty Any values, microsecond times), H2 files and MariaDB
 * databases named by properties files, and memory stores that outlive the commands using them.
 */
final class MoveFixtures {
  static final Instant T0 = Instant.parse("2024-05-06T07:08:09.123456Z");
  static final List<String> NAMESPACES = List.of("default", "k8s.io");

  private MoveFixtures() {}

  /** {@code n} containers over {@link #NAMESPACES}, extremes among the first ten. */
  static Stream<NamespacedContainer> containers(int n) {
    return IntStream.range(0, n).mapToObj(i -> new NamespacedContainer(
        NAMESPACES.get(i * NAMESPACES.size() / n), container(i)));
  }

  static Container container(int i) {
    Container.Builder b = Container.builder()
        .id(String.format("ctr-%05d", i))
        .image("docker.io/library/app:" + i)
        .runtime(new RuntimeInfo("io.containerd.runc.v2", i % 3 == 0 ? null
            : any("containerd.runc.v1.Options", "opts" + i)))
        .spec(any("types.containerd.io/opencontainers/runtime-spec/1/Spec",
            "{\"ociVersion\":\"1.1.0\",\"n\":" + i + "}"))
        .snapshotter(i % 5 == 0 ? "" : "overlayfs")
        .snapshotKey(i % 5 == 0 ? "" : "key-" + i)
        .sandboxId(i % 7 == 0 ? "sandbox-" + i : "")
        .label("app", "a" + (i % 10))
        .label("n", Integer.toString(i))
        .createdAt(T0.plusMillis(i * 1000L + 1).plusNanos(1000))
        .updatedAt(T0.plusMillis(i * 1000L + 500).plusNanos(7000));
    switch (i) {
      case 1 -> b.spec(any("t/spec", "x".repeat(1 << 20)));  // a 1 MiB spec
      case 2 -> b.label("k".repeat(2048), "v".repeat(2048));   // a 4096-byte label
      case 3 -> b.label("emoji.\uD83D\uDE80", "\uD83D\uDC33 ü 中文 \uD801\uDC37")  // non-BMP
          .extension("\uD83D\uDCE6.ext", any("t/x", "\uD83D\uDE80"));
      case 4 -> b.extension("empty", Any.getDefaultInstance())
          .extension("type-only", Any.newBuilder().setTypeUrl("t/only").build())
          .runtime(new RuntimeInfo("io.containerd.runsc.v1", Any.getDefaultInstance()));
      case 5 -> b.label("newline", "a\nb\tc\r").image("");
      default -> { }
    }
    return b.build();
  }

  static Any any(String typeUrl, String value) {
    return Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFromUtf8(value)).build();
  }

  /** Writes the containers into {@code store} as they are. */
  static void load(Store store, int n) {
    TransferReport r;
    try (Stream<NamespacedContainer> s = containers(n)) {
      r = Transfers.write(s, store, TransferOptions.defaults());
    }
    if (!r.complete() || r.copied() != n) {
      throw new IllegalStateException("fixtures not loaded: " + r);
    }
  }

  /**
   * Every container of every namespace, for comparisons; without revisions, which are each
   * store's own stamps of its writes (the memory backend keeps them, jdbc does not).
   */
  static Map<String, List<Container>> contents(Store store) {
    Map<String, List<Container>> out = new HashMap<>();
    for (String ns : store.namespaces(Context.empty())) {
      try (Stream<Container> s = store.stream(Context.withNamespace(ns))) {
        out.put(ns, s.map(c -> c.toBuilder().revision(0).build()).toList());
      }
    }
    return out;
  }

  /**
   * A properties file naming an H2 file database in {@code dir}, with H2's default write delay:
   * with {@code WRITE_DELAY=0} these tests met H2's "file corrupted" on reopening (the open
   * problem of docs/durability.md), so commits of the last ~500 ms may be lost when a process
   * writing it is killed.
   */
  static Path h2(Path dir, String name) {
    return properties(dir, name, "ctrstore.backend=jdbc\nctrstore.jdbc.url=jdbc:h2:file:"
        + dir.resolve(name).toAbsolutePath() + "\n");
  }

  /** A properties file naming the MySQL-protocol database at {@code url}. */
  static Path mysql(Path dir, String name, String url) {
    return properties(dir, name, "ctrstore.backend=jdbc\nctrstore.jdbc.url="
        + url.replace("\\", "\\\\") + "\n");
  }

  static Path properties(Path dir, String name, String text) {
    try {
      Path p = dir.resolve(name + ".properties");
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens stores as the command does, except that the config files registered here name memory
   * stores that live as long as the test (a memory store opened from a file would be new and
   * empty in every command).
   */
  static final class Opener implements StoreOpener {
    private final Map<Path, Storage> memory = new HashMap<>();

    /** A config file standing for a memory store that survives the commands. */
    Path memory(Path dir, String name) {
      Path p = properties(dir, name, "ctrstore.backend=memory\n");
      memory.put(p, new MemoryStoreProvider().open(StoreConfig.of(Map.of())));
      return p;
    }

    @Override
    public Store open(@Nullable Path config) {
      Storage shared = config == null ? null : memory.get(config);
      return shared != null ? dev.ctrstore.Stores.over(new KeepOpen(shared))
          : StoreOpener.standard().open(config);
    }
  }

  /** A storage whose close does nothing, so that the next command finds its data. */
  private record KeepOpen(Storage storage) implements Storage {
    @Override
    public java.util.Set<Capability> capabilities() {
      return storage.capabilities();
    }

    @Override
    public <T> T read(Context ctx, String namespace, ReadWork<T> work) {
      return storage.read(ctx, namespace, work);
    }

    @Override
    public <T> T write(Context ctx, String namespace, WriteWork<T> work) {
      return storage.write(ctx, namespace, work);
    }

    @Override
    public @Nullable Container get(Context ctx, String namespace, String id) {
      return storage.get(ctx, namespace, id);
    }

    @Override
    public Stream<Container> stream(Context ctx, String namespace,
        dev.ctrstore.filter.Filter filter) {
      return storage.stream(ctx, namespace, filter);
    }

    @Override
    public Events events(Context ctx, String namespace, long afterRevision, int limit) {
      return storage.events(ctx, namespace, afterRevision, limit);
    }

    @Override
    public void awaitEvents(String namespace, long afterRevision, Duration timeout)
        throws InterruptedException {
      storage.awaitEvents(namespace, afterRevision, timeout);
    }

    @Override
    public List<String> namespaces(Context ctx) {
      return storage.namespaces(ctx);
    }

    @Override
    public void close() {}
  }
}
