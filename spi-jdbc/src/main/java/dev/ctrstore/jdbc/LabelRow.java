package dev.ctrstore.jdbc;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A row of {@code ctr_label}: the hashes of a label's key and value (see {@link Codec#hash}),
 * held as big-endian longs, so that unsigned comparison is the byte order of the index.
 */
record LabelRow(long key, long value) implements Comparable<LabelRow> {
  static LabelRow of(String key, String value) {
    return new LabelRow(asLong(Codec.hash(key)), asLong(Codec.hash(value)));
  }

  /** The distinct rows of a label map (labels whose hashes coincide share one row). */
  static SortedSet<LabelRow> of(Map<String, String> labels) {
    SortedSet<LabelRow> rows = new TreeSet<>();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      rows.add(of(e.getKey(), e.getValue()));
    }
    return rows;
  }

  byte[] keyHash() {
    return bytes(key);
  }

  byte[] valueHash() {
    return bytes(value);
  }

  @Override
  public int compareTo(LabelRow o) {
    int c = Long.compareUnsigned(key, o.key);
    return c != 0 ? c : Long.compareUnsigned(value, o.value);
  }

  private static long asLong(byte[] hash) {
    return ByteBuffer.wrap(hash).getLong();
  }

  private static byte[] bytes(long v) {
    return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
  }
}
