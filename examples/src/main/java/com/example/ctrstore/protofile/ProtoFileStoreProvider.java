package com.example.ctrstore.protofile;

import com.google.auto.service.AutoService;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.spi.StoreProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code protofile} backend: a template for writing a ctrstore backend outside the project.
 * It keeps each namespace in one file of protobuf-encoded containers (see {@link
 * ProtoFileStorage}); a backend for another medium changes only the {@code Storage}.
 *
 * <p>What a backend writes, and what it gets for free:
 * <ul>
 *   <li>A {@link Storage}: read and write whole containers of one namespace in a transaction.
 *       That is all the storage-specific code.
 *   <li>This provider: a name, the keys it reads, and {@code open}, which returns the storage.
 *       The library puts its engine over it, and the engine applies every containerd rule
 *       (validation, filters, field paths, timestamps, error kinds), so the backend cannot get
 *       them wrong.
 *   <li>{@code @AutoService(StoreProvider.class)} writes the {@code META-INF/services} entry,
 *       so {@code Stores.open()} finds the backend on the class path.
 *   <li>A test class extending the conformance kit's {@code StoreConformanceTest}.
 * </ul>
 *
 * <p>Configuration: {@code ctrstore.backend=protofile}, {@code ctrstore.protofile.dir} (required;
 * created if missing; environment {@code CTRSTORE_PROTOFILE_DIR}), {@code ctrstore.protofile.sync}
 * ({@code true} by default: force each write to disk before it is acknowledged).
 */
@AutoService(StoreProvider.class)
public final class ProtoFileStoreProvider implements StoreProvider {
  /** The provider name, for {@code ctrstore.backend}. */
  public static final String NAME = "protofile";
  /** The directory holding one file per namespace. */
  public static final String DIR = "ctrstore.protofile.dir";
  /** Whether each write is forced to disk ({@code true} or {@code false}). */
  public static final String SYNC = "ctrstore.protofile.sync";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> keys() {
    return Set.of(DIR, SYNC); // anything else under ctrstore. is rejected as a misspelling
  }

  @Override
  public Storage open(StoreConfig config) {
    String dir = config.get(DIR)
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> new InvalidArgumentException(DIR + " must be set to a directory"));
    return openStorage(path(dir), config.getBoolean(SYNC, true));
  }

  /** A store over the files in {@code dir}, created if missing (for tests and tools). */
  public static Store openStore(Path dir, boolean sync) {
    return Stores.over(openStorage(dir, sync));
  }

  private static Storage openStorage(Path dir, boolean sync) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      // Fail at open, naming the key, rather than at the first write.
      throw new InvalidArgumentException(DIR + ": cannot create directory " + dir + ": " + e);
    }
    if (!Files.isWritable(dir)) {
      throw new InvalidArgumentException(DIR + ": directory " + dir + " is not writable");
    }
    return new ProtoFileStorage(dir, sync);
  }

  private static Path path(String dir) {
    try {
      return Path.of(dir);
    } catch (InvalidPathException e) {
      throw new InvalidArgumentException(DIR + ": not a path: " + e.getMessage());
    }
  }
}
