package dev.ctrstore.containerd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A minimal bbolt-format writer for tests: pages appended to a file, leaves split at the page
 * size and branch levels built over them, buckets in their own pages or inline, two meta pages
 * with bbolt's checksum and no freelist page (as containerd's daemon writes them). Enough to
 * generate meta.db files of any size without Go.
 */
final class BoltWriter implements AutoCloseable {
  static final int PAGE = 4096;
  private final FileChannel ch;
  private long next = 2;

  /** A leaf element: key, value, and whether the value is a nested bucket. */
  record Elem(byte[] key, byte[] value, boolean bucket) {
    static Elem value(String key, byte[] value) {
      return new Elem(utf8(key), value, false);
    }

    static Elem bucket(String key, byte[] header) {
      return new Elem(utf8(key), header, true);
    }
  }

  BoltWriter(Path file) throws IOException {
    ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The value of a nested bucket whose root is page {@code pgid}. */
  static byte[] bucketAt(long pgid) {
    return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(pgid).putLong(0).array();
  }

  /** The value of an inline bucket holding {@code elems}. */
  static byte[] inline(List<Elem> elems) {
    byte[] page = leafImage(0, sorted(elems));
    return ByteBuffer.allocate(16 + page.length).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(0).putLong(0).put(page).array();
  }

  /** Writes a bucket of a few entries as one leaf page (with overflow); returns its page id. */
  long leaf(List<Elem> elems) throws IOException {
    List<Elem> s = sorted(elems);
    int size = imageSize(s);
    int pages = (size + PAGE - 1) / PAGE;
    long pgid = next;
    next += pages;
    byte[] image = leafImage(pgid, s);
    ByteBuffer b = ByteBuffer.allocate(pages * PAGE).order(ByteOrder.LITTLE_ENDIAN).put(image);
    b.putInt(12, pages - 1);
    write(b.rewind(), pgid);
    return pgid;
  }

  /** Builds a large bucket from entries given in key order; {@link Tree#finish} gives its root. */
  Tree tree() {
    return new Tree();
  }

  final class Tree {
    private final List<Elem> pending = new ArrayList<>();
    private int pendingSize = BoltFileHeader.SIZE;
    private final List<byte[]> firstKeys = new ArrayList<>();
    private final List<Long> leaves = new ArrayList<>();

    void add(Elem e) throws IOException {
      int add = 16 + e.key.length + e.value.length;
      if (!pending.isEmpty() && pendingSize + add > PAGE) {
        flush();
      }
      pending.add(e);
      pendingSize += add;
    }

    long finish() throws IOException {
      if (!pending.isEmpty() || leaves.isEmpty()) {
        flush();
      }
      List<byte[]> keys = firstKeys;
      List<Long> ids = leaves;
      while (ids.size() > 1) {
        List<byte[]> upKeys = new ArrayList<>();
        List<Long> upIds = new ArrayList<>();
        int i = 0;
        while (i < ids.size()) {
          int size = BoltFileHeader.SIZE;
          int j = i;
          while (j < ids.size() && (j == i || size + 16 + keys.get(j).length <= PAGE)) {
            size += 16 + keys.get(j).length;
            j++;
          }
          upKeys.add(keys.get(i));
          upIds.add(branch(keys.subList(i, j), ids.subList(i, j)));
          i = j;
        }
        keys = upKeys;
        ids = upIds;
      }
      return ids.get(0);
    }

    private void flush() throws IOException {
      firstKeys.add(pending.isEmpty() ? new byte[0] : pending.get(0).key);
      leaves.add(leaf(pending));
      pending.clear();
      pendingSize = BoltFileHeader.SIZE;
    }
  }

  private long branch(List<byte[]> keys, List<Long> ids) throws IOException {
    long pgid = next++;
    ByteBuffer b = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(0, pgid).putShort(8, (short) 0x01).putShort(10, (short) keys.size());
    int data = 16 + 16 * keys.size();
    for (int i = 0; i < keys.size(); i++) {
      int e = 16 + 16 * i;
      b.putInt(e, data - e).putInt(e + 4, keys.get(i).length).putLong(e + 8, ids.get(i));
      b.put(data, keys.get(i));
      data += keys.get(i).length;
    }
    write(b, pgid);
    return pgid;
  }

  /** Writes both meta pages (txid and txid - 1) and pads the file to whole pages. */
  void finish(long rootPgid, long txid) throws IOException {
    write(meta(0, rootPgid, txid - 1), 0);
    write(meta(1, rootPgid, txid), 1);
  }

  static ByteBuffer meta(long pgid, long root, long txid, long highWater) {
    ByteBuffer b = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(0, pgid).putShort(8, (short) 0x04);
    b.putInt(16, 0xED0CDAED).putInt(20, 2).putInt(24, PAGE).putInt(28, 0);
    b.putLong(32, root).putLong(40, 0).putLong(48, -1L).putLong(56, highWater).putLong(64, txid);
    long hash = 0xcbf29ce484222325L;
    for (int i = 16; i < 72; i++) {
      hash ^= b.get(i) & 0xff;
      hash *= 0x100000001b3L;
    }
    b.putLong(72, hash);
    return b;
  }

  private ByteBuffer meta(long pgid, long root, long txid) {
    return meta(pgid, root, txid, next);
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }

  private void write(ByteBuffer b, long pgid) throws IOException {
    b.rewind();
    long pos = pgid * PAGE;
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
  }

  private static List<Elem> sorted(List<Elem> elems) {
    List<Elem> s = new ArrayList<>(elems);
    s.sort(Comparator.comparing(Elem::key, Arrays::compareUnsigned));
    return s;
  }

  private static int imageSize(List<Elem> elems) {
    int size = BoltFileHeader.SIZE;
    for (Elem e : elems) {
      size += 16 + e.key.length + e.value.length;
    }
    return size;
  }

  private static byte[] leafImage(long pgid, List<Elem> elems) {
    ByteBuffer b = ByteBuffer.allocate(imageSize(elems)).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(0, pgid).putShort(8, (short) 0x02).putShort(10, (short) elems.size());
    int data = 16 + 16 * elems.size();
    for (int i = 0; i < elems.size(); i++) {
      Elem el = elems.get(i);
      int e = 16 + 16 * i;
      b.putInt(e, el.bucket ? 1 : 0).putInt(e + 4, data - e)
          .putInt(e + 8, el.key.length).putInt(e + 12, el.value.length);
      b.put(data, el.key);
      b.put(data + el.key.length, el.value);
      data += el.key.length + el.value.length;
    }
    return b.array();
  }

  private static final class BoltFileHeader {
    static final int SIZE = 16;
  }
}
