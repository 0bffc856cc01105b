package dev.ctrstore.containerd;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.containerd.BoltWriter.Elem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes containers into a new file in containerd v1.7's meta.db layout (see the fixtures'
 * README): {@code v1/<namespace>/containers/<id>/…}, one leaf page per container, runtime,
 * labels and extensions inline. Containers must come in id byte order within a namespace.
 */
final class MetaDbGenerator {
  private MetaDbGenerator() {}

  /** Writes the file: namespaces in byte order, each with its containers in id order. */
  static void write(Path file, Map<String, Iterator<Container>> namespaces) throws IOException {
    try (BoltWriter w = new BoltWriter(file)) {
      List<Elem> v1 = new ArrayList<>();
      v1.add(Elem.value("version", new byte[] {0x06}));
      for (Map.Entry<String, Iterator<Container>> ns : namespaces.entrySet()) {
        BoltWriter.Tree tree = w.tree();
        for (Iterator<Container> it = ns.getValue(); it.hasNext(); ) {
          Container c = it.next();
          tree.add(Elem.bucket(c.id(), BoltWriter.bucketAt(w.leaf(fields(c)))));
        }
        long containers = tree.finish();
        long nsPage = w.leaf(List.of(Elem.bucket("containers", BoltWriter.bucketAt(containers))));
        v1.add(Elem.bucket(ns.getKey(), BoltWriter.bucketAt(nsPage)));
      }
      long v1Page = w.leaf(v1);
      long root = w.leaf(List.of(Elem.bucket("v1", BoltWriter.bucketAt(v1Page))));
      w.finish(root, 7);
    }
  }

  static List<Elem> fields(Container c) {
    List<Elem> e = new ArrayList<>();
    e.add(Elem.value("createdat", goTime(c.createdAt())));
    e.add(Elem.value("updatedat", goTime(c.updatedAt())));
    e.add(Elem.value("spec", c.spec().toByteArray()));
    e.add(Elem.value("image", BoltWriter.utf8(c.image())));
    e.add(Elem.value("snapshotter", BoltWriter.utf8(c.snapshotter())));
    e.add(Elem.value("snapshotKey", BoltWriter.utf8(c.snapshotKey())));
    e.add(Elem.value("sandboxid", BoltWriter.utf8(c.sandboxId())));
    List<Elem> runtime = new ArrayList<>();
    runtime.add(Elem.value("name", BoltWriter.utf8(c.runtime().name())));
    if (c.runtime().options() != null) {
      runtime.add(Elem.value("options", c.runtime().options().toByteArray()));
    }
    e.add(Elem.bucket("runtime", BoltWriter.inline(runtime)));
    if (!c.labels().isEmpty()) {
      List<Elem> labels = new ArrayList<>();
      c.labels().forEach((k, v) -> labels.add(Elem.value(k, BoltWriter.utf8(v))));
      e.add(Elem.bucket("labels", BoltWriter.inline(labels)));
    }
    if (!c.extensions().isEmpty()) {
      List<Elem> ext = new ArrayList<>();
      c.extensions().forEach((k, v) -> ext.add(Elem.value(k, ((Any) v).toByteArray())));
      e.add(Elem.bucket("extensions", BoltWriter.inline(ext)));
    }
    return e;
  }

  /** Go's {@code time.MarshalBinary} of a UTC time (version 1, zone offset -1). */
  static byte[] goTime(Instant t) {
    return ByteBuffer.allocate(15).put((byte) 1)
        .putLong(t.getEpochSecond() + 62_135_596_800L).putInt(t.getNano()).putShort((short) -1)
        .array();
  }
}
