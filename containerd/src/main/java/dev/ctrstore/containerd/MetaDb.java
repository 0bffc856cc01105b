package dev.ctrstore.containerd;

import dev.ctrstore.Container;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NamespacedContainer;
import dev.ctrstore.Transfers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * containerd's own metadata database ({@code /var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db},
 * bbolt format, schema {@code v1}), opened read-only to read its container records, with no Go
 * and no containerd running.
 *
 * <p>What it promises:
 * <ul>
 *   <li><b>Never writes.</b> The file is opened for reading only and never locked, so a file
 *       held by a running containerd (which takes an exclusive {@code flock}) is read without
 *       disturbing it. Because containerd may commit meanwhile, each container stream ends by
 *       checking that the file's last transaction is still the one it started from, and fails
 *       with {@link FailedPreconditionException} otherwise.
 *   <li><b>Every container field</b> of {@code v1/<namespace>/containers/<id>/}: labels, image,
 *       runtime name and options, spec, snapshotter, snapshot key, sandbox id, extensions, and
 *       the created and updated times truncated to microseconds. Other buckets (images, leases,
 *       content, snapshots, sandboxes, namespace labels) are skipped.
 *   <li><b>Bounded memory.</b> Containers are decoded one at a time, in id order, while the
 *       stream is consumed; only one page per tree level and one container are held.
 *   <li><b>Damage is reported, not guessed around.</b> A truncated or corrupted file (a page
 *       outside the file, a page that is not what its parent says, a bad checksum on both
 *       meta pages, keys out of order, a field that does not decode) fails with {@link
 *       InvalidArgumentException} naming the file and what is wrong.
 * </ul>
 *
 * <p>Not thread-safe: use one instance from one thread at a time. Close it to release the file.
 */
public final class MetaDb implements AutoCloseable {
  private final BoltFile file;
  private final ContainerDecoder decoder;

  private MetaDb(BoltFile file) {
    this.file = file;
    this.decoder = new ContainerDecoder(file);
  }

  /**
   * Opens {@code path} for reading.
   *
   * @throws InvalidArgumentException if the file does not exist, cannot be read, or is not a
   *     bbolt database
   */
  public static MetaDb open(Path path) {
    return new MetaDb(BoltFile.open(Objects.requireNonNull(path, "path")));
  }

  /** The file read. */
  public Path path() {
    return file.path();
  }

  /** The id of the last transaction committed to the file when it was opened. */
  public long transaction() {
    return file.meta().txid();
  }

  /**
   * The namespaces of the database, in byte order: every bucket under {@code v1}, including
   * namespaces without containers, as containerd's {@code NamespaceStore.List} reports them.
   */
  public List<String> namespaces() {
    List<String> out = new ArrayList<>();
    for (Iterator<Bucket.Entry> it = v1().entries(); it.hasNext(); ) {
      Bucket.Entry e = it.next();
      if (e.isBucket()) {
        out.add(e.keyText());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The containers of one namespace, in id order, decoded lazily; empty when the namespace has
   * none or does not exist. Consuming the whole stream also checks that the file did not change
   * meanwhile ({@link FailedPreconditionException} if it did).
   */
  public Stream<Container> containers(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    Bucket ns = v1().bucket(namespace, "v1/" + namespace + "/");
    Bucket containers = ns == null ? null
        : ns.bucket("containers", "v1/" + namespace + "/containers/");
    Iterator<Container> it = containers == null
        ? Collections.emptyIterator()
        : new Containers(namespace, containers);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * The containers of every namespace, namespace by namespace, each in id order, decoded lazily
   * one at a time across namespaces too ({@link Transfers#concat}).
   */
  public Stream<NamespacedContainer> containers() {
    return Transfers.concat(namespaces(), this::containers);
  }

  @Override
  public void close() {
    file.close();
  }

  private Bucket v1() {
    Bucket v1 = Bucket.root(file).bucket("v1", "v1/");
    if (v1 == null) {
      throw file.corrupt("has no v1 bucket: not a containerd metadata database");
    }
    return v1;
  }

  private final class Containers implements Iterator<Container> {
    private final String namespace;
    private final Bucket bucket;
    private final Iterator<Bucket.Entry> entries;
    private boolean checked;

    Containers(String namespace, Bucket bucket) {
      this.namespace = namespace;
      this.bucket = bucket;
      this.entries = bucket.entries();
    }

    @Override
    public boolean hasNext() {
      if (entries.hasNext()) {
        return true;
      }
      if (!checked) {
        checked = true;
        file.checkUnchanged();
      }
      return false;
    }

    @Override
    public Container next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Bucket.Entry e = entries.next();
      String where = "v1/" + namespace + "/containers/" + e.keyText() + "/";
      if (!e.isBucket()) {
        throw file.corrupt(where + " is a value, not a container bucket");
      }
      return decoder.decode(namespace, e, bucket.child(e, where));
    }
  }
}
