package dev.ctrstore.containerd;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.RuntimeInfo;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * Decodes one {@code v1/<namespace>/containers/<id>/} bucket into a {@link Container}, as
 * containerd v1.7's {@code readContainer} does: strings are UTF-8, {@code spec}, runtime
 * {@code options} and extensions are protobuf {@code Any} messages, the timestamps Go's
 * {@code time.MarshalBinary} (truncated to microseconds, as ctrstore keeps them). Keys
 * containerd does not write are ignored; an absent {@code options} key is "no options".
 */
final class ContainerDecoder {
  /** Seconds from 0001-01-01T00:00:00Z, Go's time origin, to the Unix epoch. */
  private static final long GO_TO_UNIX_SECONDS = 62_135_596_800L;

  private final BoltFile file;

  ContainerDecoder(BoltFile file) {
    this.file = file;
  }

  Container decode(String namespace, Bucket.Entry entry, Bucket bucket) {
    String id = text(entry.key(), namespace, "<id>", "id");
    String where = "container \"" + id + "\" in namespace \"" + namespace + "\"";
    Container.Builder b = Container.builder().id(id);
    for (Iterator<Bucket.Entry> it = bucket.entries(); it.hasNext(); ) {
      Bucket.Entry e = it.next();
      String key = e.keyText();
      byte[] v = e.value();
      switch (key) {
        case "createdat" -> b.createdAt(time(v, where, key));
        case "updatedat" -> b.updatedAt(time(v, where, key));
        case "spec" -> b.spec(any(v, where, key));
        case "image" -> b.image(text(v, namespace, id, key));
        case "snapshotter" -> b.snapshotter(text(v, namespace, id, key));
        case "snapshotKey" -> b.snapshotKey(text(v, namespace, id, key));
        case "sandboxid" -> b.sandboxId(text(v, namespace, id, key));
        case "runtime" -> b.runtime(runtime(bucket.child(e, where + " runtime/"), namespace, id));
        case "labels" -> {
          for (Iterator<Bucket.Entry> l = bucket.child(e, where + " labels/").entries();
              l.hasNext(); ) {
            Bucket.Entry label = l.next();
            b.label(text(label.key(), namespace, id, "label key"),
                text(label.value(), namespace, id, "label value"));
          }
        }
        case "extensions" -> {
          for (Iterator<Bucket.Entry> x = bucket.child(e, where + " extensions/").entries();
              x.hasNext(); ) {
            Bucket.Entry ext = x.next();
            String name = text(ext.key(), namespace, id, "extension name");
            b.extension(name, any(ext.value(), where, "extensions/" + name));
          }
        }
        default -> {
          // A key a later containerd may add: not part of the record ctrstore keeps.
        }
      }
    }
    return b.build();
  }

  private RuntimeInfo runtime(Bucket runtime, String namespace, String id) {
    String where = "container \"" + id + "\" in namespace \"" + namespace + "\"";
    String name = "";
    Any options = null;
    for (Iterator<Bucket.Entry> it = runtime.entries(); it.hasNext(); ) {
      Bucket.Entry e = it.next();
      switch (e.keyText()) {
        case "name" -> name = text(e.value(), namespace, id, "runtime/name");
        case "options" -> options = any(e.value(), where, "runtime/options");
        default -> {
          // not part of the record
        }
      }
    }
    return new RuntimeInfo(name, options);
  }

  private @Nullable Instant time(byte[] v, String where, String key) {
    ByteBuffer b = ByteBuffer.wrap(v); // Go encodes big-endian
    int expected = v.length > 0 && v[0] == 2 ? 16 : 15;
    if (v.length == 0 || (v[0] != 1 && v[0] != 2) || v.length != expected) {
      throw file.corrupt(where + ": " + key + " is not a Go time.MarshalBinary value (version "
          + (v.length == 0 ? "none" : v[0]) + ", " + v.length + " bytes)");
    }
    long goSeconds = b.getLong(1);
    int nanos = b.getInt(9);
    if (nanos < 0 || nanos > 999_999_999) {
      throw file.corrupt(where + ": " + key + " has " + nanos + " nanoseconds");
    }
    try {
      return Instant.ofEpochSecond(goSeconds - GO_TO_UNIX_SECONDS, nanos)
          .truncatedTo(ChronoUnit.MICROS);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw file.corrupt(where + ": " + key + " is out of range: " + e.getMessage());
    }
  }

  private Any any(byte[] v, String where, String key) {
    try {
      return Any.parseFrom(v);
    } catch (InvalidProtocolBufferException e) {
      throw file.corrupt(where + ": " + key + " is not a protobuf Any: " + e.getMessage());
    }
  }

  private String text(byte[] v, String namespace, String id, String key) {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(v));
      return chars.toString();
    } catch (CharacterCodingException e) {
      InvalidArgumentException ex = file.corrupt("container \"" + id + "\" in namespace \""
          + namespace + "\": " + key + " is not valid UTF-8");
      ex.initCause(e);
      throw ex;
    }
  }
}
