package dev.ctrstore.containerd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * A bbolt bucket, stored in its own pages or inline in its parent's value. {@link #entries}
 * walks it lazily in key order, holding one page per tree level, and checks that keys strictly
 * increase: a corrupted tree that loops or repeats fails instead of yielding a record twice.
 */
final class Bucket {
  /** The deepest tree accepted; bbolt trees of any real size are a handful of levels. */
  private static final int MAX_DEPTH = 32;

  private final BoltFile file;
  private final String name;
  private final long root;
  private final byte @Nullable [] inlineValue;

  /** One key and its value, or a nested bucket. */
  record Entry(byte[] key, byte[] value, boolean isBucket) {
    String keyText() {
      return new String(key, StandardCharsets.UTF_8);
    }
  }

  private Bucket(BoltFile file, String name, long root, byte @Nullable [] inlineValue) {
    this.file = file;
    this.name = name;
    this.root = root;
    this.inlineValue = inlineValue;
  }

  /** The root bucket of the file. */
  static Bucket root(BoltFile file) {
    return new Bucket(file, "the root bucket", file.meta().root(), null);
  }

  /** The nested bucket stored in {@code entry} of this bucket. */
  Bucket child(Entry entry, String childName) {
    byte[] v = entry.value();
    if (!entry.isBucket() || v.length < 16) {
      throw file.corrupt(childName + " is not a valid bucket");
    }
    long childRoot = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    return childRoot == 0
        ? new Bucket(file, childName, 0, v)
        : new Bucket(file, childName, childRoot, null);
  }

  /** The nested bucket named {@code key}, or null when there is none. */
  @Nullable Bucket bucket(String key, String childName) {
    Entry e = find(key);
    return e == null || !e.isBucket() ? null : child(e, childName);
  }

  /** The entry with this key, or null. A linear walk: the buckets looked up this way are small. */
  @Nullable Entry find(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    for (Iterator<Entry> it = entries(); it.hasNext(); ) {
      Entry e = it.next();
      int c = Arrays.compareUnsigned(e.key(), k);
      if (c == 0) {
        return e;
      }
      if (c > 0) {
        return null;
      }
    }
    return null;
  }

  String name() {
    return name;
  }

  /** Every entry, in key order, read lazily. */
  Iterator<Entry> entries() {
    return new Walk();
  }

  private final class Walk implements Iterator<Entry> {
    private final Deque<Page> pages = new ArrayDeque<>();
    private final Deque<int[]> positions = new ArrayDeque<>();
    private @Nullable Entry next;
    private byte @Nullable [] lastKey;

    Walk() {
      Page first = inlineValue != null ? Page.inline(file, name, inlineValue) : file.page(root);
      pages.push(first);
      positions.push(new int[] {0});
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public Entry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Entry e = next;
      next = null;
      return e;
    }

    private @Nullable Entry advance() {
      while (!pages.isEmpty()) {
        Page page = pages.peek();
        int[] pos = positions.peek();
        if (pos[0] >= page.count()) {
          pages.pop();
          positions.pop();
          continue;
        }
        int i = pos[0]++;
        if (page.isBranch()) {
          if (pages.size() >= MAX_DEPTH) {
            throw file.corrupt(name + " is nested deeper than " + MAX_DEPTH + " levels at "
                + page.name());
          }
          pages.push(file.page(page.child(i)));
          positions.push(new int[] {0});
          continue;
        }
        byte[] key = page.key(i);
        if (lastKey != null && Arrays.compareUnsigned(lastKey, key) >= 0) {
          throw file.corrupt(name + ": keys out of order at " + page.name()
              + "; the file is corrupted");
        }
        lastKey = key;
        return new Entry(key, page.value(i), page.isBucket(i));
      }
      return null;
    }
  }
}
