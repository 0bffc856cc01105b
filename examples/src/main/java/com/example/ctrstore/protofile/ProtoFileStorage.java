package com.example.ctrstore.protofile;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * One file per namespace, {@code <dir>/<namespace>.pb}, holding that namespace's containers as
 * length-delimited protobuf messages in id order (see {@link ContainerCodec}).
 *
 * <p>Why this is safe without a database:
 * <ul>
 *   <li>A write never modifies the file in place: it writes the whole new content to a temporary
 *       file, forces it to disk, then renames it over the old one. Readers see the old file or
 *       the new one, never half of each, and a crash leaves the old content intact.
 *   <li>Writers to one namespace are serialised: within the JVM by a lock shared by every
 *       store opened on the same directory, across processes by an OS lock on
 *       {@code <namespace>.lock}.
 *   <li>A write's changes exist only in memory until its work returns, so a write that fails
 *       (validation, not found) leaves the file untouched.
 * </ul>
 *
 * <p>Every operation reads the namespace's whole file, which suits a small number of containers
 * per namespace (a developer machine, an edge node), not a large fleet.
 */
final class ProtoFileStorage implements Storage {
  // Shared by every storage in the JVM, so two stores on one directory still exclude each other
  // (the OS file lock cannot: it is held per process, not per thread).
  private static final ConcurrentHashMap<Path, ReadWriteLock> LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final boolean sync;

  ProtoFileStorage(Path dir, boolean sync) {
    this.dir = dir.toAbsolutePath().normalize();
    this.sync = sync;
  }

  @Override
  public <T extends @Nullable Object> T read(Context ctx, String namespace, ReadWork<T> work) {
    Path file = file(namespace);
    ReadWriteLock lock = lock(file);
    lock.readLock().lock();
    try {
      return work.run(new Snapshot(load(file)));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public <T extends @Nullable Object> T write(Context ctx, String namespace, WriteWork<T> work) {
    Path file = file(namespace);
    ReadWriteLock lock = lock(file);
    lock.writeLock().lock();
    try (FileChannel lockFile = FileChannel.open(dir.resolve(namespace + ".lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock held = lockFile.lock();
      try {
        // Read under the lock: another process may have written since we last looked.
        Snapshot tx = new Snapshot(load(file));
        T result = work.run(tx);
        if (tx.changed) {
          save(file, tx.byId);
        }
        return result;
      } finally {
        held.release();
      }
    } catch (IOException e) {
      throw new StoreException(ErrorKind.UNAVAILABLE,
          "protofile: cannot lock namespace " + namespace + " in " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    // Nothing is held between operations.
  }

  private Path file(String namespace) {
    // Namespaces are validated identifiers ([A-Za-z0-9] with inner . _ -), safe as file names.
    return dir.resolve(namespace + ".pb");
  }

  private static ReadWriteLock lock(Path file) {
    return LOCKS.computeIfAbsent(file, f -> new ReentrantReadWriteLock());
  }

  private TreeMap<String, Container> load(Path file) {
    TreeMap<String, Container> byId = new TreeMap<>();
    try (InputStream raw = Files.newInputStream(file)) {
      CodedInputStream in = CodedInputStream.newInstance(raw);
      in.setSizeLimit(Integer.MAX_VALUE); // the limit applies to the whole file, not per message
      while (!in.isAtEnd()) {
        Container c = ContainerCodec.decode(in.readBytes());
        byId.put(c.id(), c);
      }
    } catch (NoSuchFileException e) {
      return byId; // a namespace nobody wrote to yet
    } catch (IOException e) {
      throw new StoreException(ErrorKind.UNKNOWN,
          "protofile: cannot read " + file + ": " + e.getMessage(), e);
    }
    return byId;
  }

  private void save(Path file, TreeMap<String, Container> byId) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
              StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream os = java.nio.channels.Channels.newOutputStream(ch)) {
        CodedOutputStream out = CodedOutputStream.newInstance(os);
        for (Container c : byId.values()) {
          ByteString bytes = ContainerCodec.encode(c);
          out.writeBytesNoTag(bytes); // length, then the message: a delimited stream
        }
        out.flush();
        if (sync) {
          ch.force(true);
        }
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new StoreException(ErrorKind.UNKNOWN,
          "protofile: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** A namespace's containers, read once; as a writer it changes only its own copy. */
  private static final class Snapshot implements Writer {
    final TreeMap<String, Container> byId;
    boolean changed;

    Snapshot(TreeMap<String, Container> byId) {
      this.byId = byId;
    }

    @Override
    public @Nullable Container get(String id) {
      return byId.get(id);
    }

    @Override
    public List<Container> candidates(Filter filter) {
      // ids are ASCII (validated), so String order is byte order.
      return new ArrayList<>(byId.values());
    }

    @Override
    public @Nullable Container getForUpdate(String id) {
      return byId.get(id); // the whole namespace is already locked
    }

    @Override
    public boolean insert(Container container) {
      if (byId.putIfAbsent(container.id(), container) != null) {
        return false;
      }
      changed = true;
      return true;
    }

    @Override
    public void replace(Container previous, Container next) {
      byId.put(next.id(), next);
      changed = true;
    }

    @Override
    public boolean delete(String id) {
      if (byId.remove(id) == null) {
        return false;
      }
      changed = true;
      return true;
    }
  }
}
