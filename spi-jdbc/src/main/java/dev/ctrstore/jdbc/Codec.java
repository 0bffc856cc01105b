package dev.ctrstore.jdbc;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How values become column values and back. Strings are stored as their UTF-8 bytes (binary
 * columns compare byte for byte, whatever the server collation); instants as epoch microseconds;
 * the label and extension maps as the protobuf wire encoding of {@code map<string,string>} and
 * {@code map<string,google.protobuf.Any>} (field 1 of a message whose entries have key 1 and
 * value 2), so a row can be decoded with any protobuf tool.
 */
final class Codec {
  private static final byte[] EMPTY = new byte[0];

  private Codec() {}

  static byte[] utf8(String s) {
    return s.isEmpty() ? EMPTY : s.getBytes(StandardCharsets.UTF_8);
  }

  static String string(byte @Nullable [] b) {
    return b == null || b.length == 0 ? "" : new String(b, StandardCharsets.UTF_8);
  }

  /** Bytes of a stored hash: the first {@value} bytes of SHA-256. */
  static final int HASH_BYTES = 8;

  /**
   * The first {@value #HASH_BYTES} bytes of the SHA-256 of the UTF-8 bytes: the fixed-size,
   * indexable stand-in for an unbounded string. A hash only selects candidates (the shared
   * {@code Filter} re-checks every one), so a collision costs an extra candidate, never a wrong
   * answer. 64 bits keep accidental collisions negligible (2^-64 per pair) and make forging one
   * against a given label a second-preimage search of 2^64 work, in a quarter of the 32 bytes a
   * full SHA-256 took in every row and index entry.
   */
  static byte[] hash(String s) {
    if (s.length() > MEMO_MAX_CHARS) {
      return hash(utf8(s));
    }
    int slot = (s.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - MEMO_BITS);
    Memo m = MEMO[slot];
    if (m != null && m.string.equals(s)) {
      return m.hash.clone();
    }
    byte[] h = hash(utf8(s));
    MEMO[slot] = new Memo(s, h.clone());
    return h;
  }

  static byte[] hash(byte[] bytes) {
    MessageDigest sha256;
    try {
      sha256 = (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      sha256 = sha256();
    }
    return Arrays.copyOf(sha256.digest(bytes), HASH_BYTES);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  // Cloning a digest skips the provider lookup of getInstance.
  private static final MessageDigest SHA_256 = sha256();

  /**
   * Hashes of recent strings: label keys and values, images and runtimes recur from write to
   * write, and an update hashes the labels of both versions (SHA-256 was 4% of a SQLite write's
   * CPU). Direct-mapped, shared by all threads without a lock: an entry is immutable, so a racing
   * reader sees a whole one or none, and a collision of slots only costs a recomputation.
   */
  private record Memo(String string, byte[] hash) {}

  private static final int MEMO_BITS = 12;
  private static final int MEMO_MAX_CHARS = 256;
  private static final Memo[] MEMO = new Memo[1 << MEMO_BITS];

  /** Epoch microseconds; the store only hands over instants truncated to microseconds. */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  static byte[] encodeLabels(Map<String, String> labels) {
    return encodeEntries(labels, Codec::utf8);
  }

  static SortedMap<String, String> decodeLabels(byte @Nullable [] bytes) {
    TreeMap<String, String> out = new TreeMap<>();
    decodeEntries(bytes, (k, v) -> out.put(string(k), string(v)));
    return out;
  }

  static byte[] encodeExtensions(Map<String, Any> extensions) {
    return encodeEntries(extensions, Any::toByteArray);
  }

  /** A map as repeated {@code (1: key, 2: value)} entries, protobuf's map encoding. */
  private static <V> byte[] encodeEntries(Map<String, V> map,
      java.util.function.Function<V, byte[]> valueBytes) {
    if (map.isEmpty()) {
      return EMPTY;
    }
    return encode(out -> {
      for (Map.Entry<String, V> e : map.entrySet()) {
        byte[] k = utf8(e.getKey());
        byte[] v = valueBytes.apply(e.getValue());
        int entrySize = CodedOutputStream.computeByteArraySize(1, k)
            + CodedOutputStream.computeByteArraySize(2, v);
        out.writeTag(1, 2);
        out.writeUInt32NoTag(entrySize);
        out.writeByteArray(1, k);
        out.writeByteArray(2, v);
      }
    });
  }

  static SortedMap<String, Any> decodeExtensions(byte @Nullable [] bytes) {
    TreeMap<String, Any> out = new TreeMap<>();
    decodeEntries(bytes, (k, v) -> {
      try {
        out.put(string(k), Any.parseFrom(v));
      } catch (IOException e) {
        throw new UncheckedIOException("corrupt extension " + string(k), e);
      }
    });
    return out;
  }

  /** An Any from its two columns; a null type URL column means "no value". */
  /**
   * An Any over {@code value} without copying it: the array must be the caller's own and never
   * written again (as a fresh {@code ResultSet.getBytes} result is), since the Any shares it.
   */
  static Any any(byte @Nullable [] typeUrl, byte @Nullable [] value) {
    return Any.newBuilder()
        .setTypeUrl(string(typeUrl))
        .setValue(value == null || value.length == 0 ? ByteString.EMPTY
            : UnsafeByteOperations.unsafeWrap(value))
        .build();
  }

  private interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  private interface EntryConsumer {
    void accept(byte[] key, byte[] value);
  }

  private static byte[] encode(Writer w) {
    try {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(buf);
      w.write(out);
      out.flush();
      return buf.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void decodeEntries(byte @Nullable [] bytes, EntryConsumer sink) {
    if (bytes == null || bytes.length == 0) {
      return;
    }
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      in.setSizeLimit(Integer.MAX_VALUE);
      while (!in.isAtEnd()) {
        int tag = in.readTag();
        if (tag != ((1 << 3) | 2)) {
          in.skipField(tag);
          continue;
        }
        int length = in.readRawVarint32();
        int limit = in.pushLimit(length);
        byte[] key = EMPTY;
        byte[] value = EMPTY;
        while (!in.isAtEnd()) {
          int t = in.readTag();
          switch (t >>> 3) {
            case 1 -> key = in.readByteArray();
            case 2 -> value = in.readByteArray();
            default -> in.skipField(t);
          }
        }
        in.popLimit(limit);
        sink.accept(key, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt map column", e);
    }
  }
}
