package dev.ctrstore.containerd;

import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.InvalidArgumentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * A bbolt database file opened for reading only: the active meta page and its pages, each
 * checked before use (bounds, self id, kind), so a damaged file fails with a message instead of
 * a wrong answer. The channel is opened with {@link StandardOpenOption#READ} alone and never
 * locked, so a running containerd holding its exclusive {@code flock} is neither blocked nor
 * disturbed; {@link #checkUnchanged} detects a commit that happened while the file was read.
 */
final class BoltFile implements AutoCloseable {
  static final int BRANCH = 0x01;
  static final int LEAF = 0x02;
  static final int HEADER = 16;
  static final int ELEMENT = 16;

  private static final int MAGIC = 0xED0CDAED;
  private static final int VERSION = 2;
  private static final int META_BYTES = 64; // magic .. checksum, after the page header
  private static final int MIN_PAGE = 512;
  private static final int MAX_PAGE = 1 << 20;

  private final Path path;
  private final FileChannel channel;
  private final long size;
  private final Meta meta;

  /** The fields of a valid meta page. */
  record Meta(int pageSize, long root, long highWater, long txid) {}

  private BoltFile(Path path, FileChannel channel) throws IOException {
    this.path = path;
    this.channel = channel;
    this.size = channel.size();
    this.meta = readMeta();
  }

  static BoltFile open(Path path) {
    FileChannel ch;
    try {
      ch = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new InvalidArgumentException("containerd meta.db " + path + ": no such file", e);
    } catch (IOException e) {
      throw new InvalidArgumentException("containerd meta.db " + path + ": cannot open: "
          + e.getMessage(), e);
    }
    try {
      return new BoltFile(path, ch);
    } catch (IOException | RuntimeException e) {
      closeQuietly(ch, e);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new InvalidArgumentException(where() + path + ": cannot read: " + e.getMessage(), e);
    }
  }

  Path path() {
    return path;
  }

  Meta meta() {
    return meta;
  }

  /** An error about this file: {@code containerd meta.db <path>: <what>}. */
  InvalidArgumentException corrupt(String what) {
    return new InvalidArgumentException(where() + path + ": " + what);
  }

  /**
   * Page {@code pgid} with its overflow pages, checked: inside the file and below the
   * high-water mark, identifying itself as {@code pgid}, a branch or a leaf.
   */
  Page page(long pgid) {
    int ps = meta.pageSize;
    long pages = size / ps;
    if (pgid < 2 || pgid >= meta.highWater || pgid >= pages) {
      throw corrupt("page " + pgid + " is referenced but lies outside the data (file has "
          + pages + " pages, high-water mark " + meta.highWater + "); the file is truncated or"
          + " corrupted");
    }
    ByteBuffer first = read(pgid * ps, ps, "page " + pgid);
    long selfId = first.getLong(0);
    int overflow = first.getInt(12);
    if (selfId != pgid) {
      throw corrupt("page " + pgid + " identifies itself as page " + Long.toUnsignedString(selfId)
          + "; the file is truncated or corrupted");
    }
    long end = pgid + 1L + Integer.toUnsignedLong(overflow);
    if (overflow < 0 || end > meta.highWater || end > pages) {
      throw corrupt("page " + pgid + " claims " + Integer.toUnsignedLong(overflow)
          + " overflow pages, past the end of the data (" + Math.min(pages, meta.highWater)
          + " pages)");
    }
    ByteBuffer buf = first;
    if (overflow > 0) {
      buf = ByteBuffer.allocate((int) ((end - pgid) * ps)).order(ByteOrder.LITTLE_ENDIAN);
      buf.put(first.rewind());
      buf.put(read((pgid + 1) * ps, overflow * ps, "overflow of page " + pgid));
      buf.rewind();
    }
    return Page.of(this, "page " + pgid, buf);
  }

  /**
   * Fails if a transaction committed since the file was opened: the pages read may then mix
   * two states. Reading does not stop containerd from writing; this is how a torn read is caught.
   */
  void checkUnchanged() {
    Meta now;
    try {
      now = readMeta();
    } catch (IOException e) {
      throw new InvalidArgumentException(where() + path + ": cannot read: " + e.getMessage(), e);
    }
    if (now.txid != meta.txid) {
      throw new FailedPreconditionException(where() + path + ": changed while it was read"
          + " (transaction " + meta.txid + " became " + now.txid + "); containerd is writing to"
          + " it: stop containerd, or read a copy taken while it was stopped");
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Read-only: nothing was written that closing could lose.
    }
  }

  private Meta readMeta() throws IOException {
    if (size < HEADER + META_BYTES) {
      throw corrupt("too short for a bbolt file (" + size + " bytes)");
    }
    Meta m0 = meta(0);
    // bbolt writes both metas with the same page size; meta 1 sits one page in.
    int ps = m0 != null ? m0.pageSize : 4096;
    Meta m1 = size >= ps + HEADER + META_BYTES ? meta(ps) : null;
    if (m0 == null && m1 == null) {
      throw corrupt("not a bbolt database: neither meta page has the magic number, version 2"
          + " and a valid checksum");
    }
    Meta m = m1 == null || (m0 != null && m0.txid >= m1.txid) ? m0 : m1;
    if (m.root < 2 || m.root >= m.highWater) {
      throw corrupt("meta page names root page " + m.root + " outside the data (high-water mark "
          + m.highWater + ")");
    }
    return m;
  }

  private @Nullable Meta meta(long offset) throws IOException {
    ByteBuffer b = read(offset, HEADER + META_BYTES, "meta page");
    if (b.getInt(HEADER) != MAGIC || b.getInt(HEADER + 4) != VERSION) {
      return null;
    }
    long hash = 0xcbf29ce484222325L;
    for (int i = HEADER; i < HEADER + 56; i++) {
      hash ^= b.get(i) & 0xff;
      hash *= 0x100000001b3L;
    }
    if (hash != b.getLong(HEADER + 56)) {
      return null;
    }
    int pageSize = b.getInt(HEADER + 8);
    if (pageSize < MIN_PAGE || pageSize > MAX_PAGE || Integer.bitCount(pageSize) != 1) {
      return null;
    }
    return new Meta(pageSize, b.getLong(HEADER + 16), b.getLong(HEADER + 40),
        b.getLong(HEADER + 48));
  }

  private ByteBuffer read(long offset, int length, String what) {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    try {
      while (b.hasRemaining()) {
        if (channel.read(b, offset + b.position()) < 0) {
          throw corrupt("the file ends at byte " + size + ", inside " + what
              + "; it is truncated");
        }
      }
    } catch (IOException e) {
      throw new InvalidArgumentException(where() + path + ": cannot read " + what + ": "
          + e.getMessage(), e);
    }
    return b.flip();
  }

  private static String where() {
    return "containerd meta.db ";
  }

  private static void closeQuietly(FileChannel ch, Exception primary) {
    try {
      ch.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
