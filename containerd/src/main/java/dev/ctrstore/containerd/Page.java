package dev.ctrstore.containerd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One branch or leaf page (with its overflow, or an inline bucket's page image), its element
 * array checked against the buffer so every key and value read lies inside it.
 */
final class Page {
  private final BoltFile file;
  private final String name;
  private final ByteBuffer buf;
  private final boolean branch;
  private final int count;

  private Page(BoltFile file, String name, ByteBuffer buf, boolean branch, int count) {
    this.file = file;
    this.name = name;
    this.buf = buf;
    this.branch = branch;
    this.count = count;
  }

  static Page of(BoltFile file, String name, ByteBuffer buf) {
    if (buf.limit() < BoltFile.HEADER) {
      throw file.corrupt(name + " is shorter than a page header");
    }
    int flags = Short.toUnsignedInt(buf.getShort(8));
    int count = Short.toUnsignedInt(buf.getShort(10));
    if (flags != BoltFile.BRANCH && flags != BoltFile.LEAF) {
      throw file.corrupt(name + " should be a branch or leaf page but has flags 0x"
          + Integer.toHexString(flags));
    }
    if (BoltFile.HEADER + (long) count * BoltFile.ELEMENT > buf.limit()) {
      throw file.corrupt(name + " claims " + count + " elements, more than it can hold");
    }
    return new Page(file, name, buf, flags == BoltFile.BRANCH, count);
  }

  /** The page image of an inline bucket: a bucket value's bytes after its 16-byte header. */
  static Page inline(BoltFile file, String name, byte[] bucketValue) {
    ByteBuffer b = ByteBuffer.wrap(bucketValue, 16, bucketValue.length - 16).slice()
        .order(ByteOrder.LITTLE_ENDIAN);
    Page p = of(file, name, b);
    if (p.branch) {
      throw file.corrupt(name + " is an inline bucket whose page is not a leaf");
    }
    return p;
  }

  String name() {
    return name;
  }

  boolean isBranch() {
    return branch;
  }

  int count() {
    return count;
  }

  byte[] key(int i) {
    int e = element(i);
    return branch
        ? bytes(e, buf.getInt(e), buf.getInt(e + 4), "key")
        : bytes(e, buf.getInt(e + 4), buf.getInt(e + 8), "key");
  }

  /** Leaf element {@code i}'s value. */
  byte[] value(int i) {
    int e = element(i);
    long pos = Integer.toUnsignedLong(buf.getInt(e + 4)) + Integer.toUnsignedLong(buf.getInt(e + 8));
    if (pos > Integer.MAX_VALUE) {
      throw file.corrupt(name + " element " + i + " points outside the page");
    }
    return bytes(e, (int) pos, buf.getInt(e + 12), "value");
  }

  /** Whether leaf element {@code i} is a nested bucket. */
  boolean isBucket(int i) {
    return (buf.getInt(element(i)) & 0x01) != 0;
  }

  /** Branch element {@code i}'s child page. */
  long child(int i) {
    return buf.getLong(element(i) + 8);
  }

  private int element(int i) {
    return BoltFile.HEADER + i * BoltFile.ELEMENT;
  }

  private byte[] bytes(int element, int pos, int length, String what) {
    long start = (long) element + Integer.toUnsignedLong(pos);
    long end = start + Integer.toUnsignedLong(length);
    if (end > buf.limit()) {
      throw file.corrupt(name + ": a " + what + " of " + Integer.toUnsignedLong(length)
          + " bytes runs past the end of the page (" + buf.limit() + " bytes); the file is"
          + " truncated or corrupted");
    }
    byte[] out = new byte[(int) (end - start)];
    buf.get((int) start, out);
    return out;
  }
}
