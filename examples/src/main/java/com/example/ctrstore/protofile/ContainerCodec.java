package com.example.ctrstore.protofile;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Timestamp;
import com.google.protobuf.WireFormat;
import dev.ctrstore.Container;
import dev.ctrstore.RuntimeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a {@link Container} as containerd's own {@code containerd.services.containers.v1.Container}
 * protobuf message, written by hand with protobuf-java's {@link CodedOutputStream} (no generated
 * code, no protoc in the build). Using containerd's field numbers means a file written here can be
 * inspected with {@code protoc --decode} against containerd's {@code containers.proto}:
 *
 * <pre>
 * message Container {
 *   string id = 1;  map&lt;string, string&gt; labels = 2;  string image = 3;
 *   message Runtime { string name = 1; google.protobuf.Any options = 2; }
 *   Runtime runtime = 4;  google.protobuf.Any spec = 5;  string snapshotter = 6;
 *   string snapshot_key = 7;  google.protobuf.Timestamp created_at = 8;
 *   google.protobuf.Timestamp updated_at = 9;  map&lt;string, google.protobuf.Any&gt; extensions = 10;
 *   string sandbox = 11;
 * }
 * </pre>
 *
 * <p>Message fields (runtime options, spec) are written only when present, so "no options" and
 * "an empty Any" stay distinct, as the store contract requires.
 */
final class ContainerCodec {
  private static final int ID = 1;
  private static final int LABELS = 2;
  private static final int IMAGE = 3;
  private static final int RUNTIME = 4;
  private static final int SPEC = 5;
  private static final int SNAPSHOTTER = 6;
  private static final int SNAPSHOT_KEY = 7;
  private static final int CREATED_AT = 8;
  private static final int UPDATED_AT = 9;
  private static final int EXTENSIONS = 10;
  private static final int SANDBOX = 11;

  // Fields of the nested messages: Runtime {name = 1, options = 2}, map entries {key = 1, value = 2}.
  private static final int FIRST = 1;
  private static final int SECOND = 2;

  private ContainerCodec() {}

  /** The container as one protobuf message. */
  static ByteString encode(Container c) {
    return message(out -> {
      string(out, ID, c.id());
      for (Map.Entry<String, String> e : c.labels().entrySet()) {
        out.writeBytes(LABELS, message(entry -> {
          entry.writeString(FIRST, e.getKey());
          entry.writeString(SECOND, e.getValue());
        }));
      }
      string(out, IMAGE, c.image());
      out.writeBytes(RUNTIME, message(runtime -> {
        string(runtime, FIRST, c.runtime().name());
        if (c.runtime().options() != null) {
          runtime.writeMessage(SECOND, c.runtime().options());
        }
      }));
      if (c.spec() != null) {
        out.writeMessage(SPEC, c.spec());
      }
      string(out, SNAPSHOTTER, c.snapshotter());
      string(out, SNAPSHOT_KEY, c.snapshotKey());
      if (c.createdAt() != null) {
        out.writeMessage(CREATED_AT, timestamp(c.createdAt()));
      }
      if (c.updatedAt() != null) {
        out.writeMessage(UPDATED_AT, timestamp(c.updatedAt()));
      }
      for (Map.Entry<String, @Nullable Any> e : c.extensions().entrySet()) {
        Any value = e.getValue() == null ? Any.getDefaultInstance() : e.getValue();
        out.writeBytes(EXTENSIONS, message(entry -> {
          entry.writeString(FIRST, e.getKey());
          entry.writeMessage(SECOND, value);
        }));
      }
      string(out, SANDBOX, c.sandboxId());
    });
  }

  /** The container in {@code bytes}. Unknown fields are skipped, so newer writers stay readable. */
  static Container decode(ByteString bytes) throws IOException {
    Container.Builder b = Container.builder();
    CodedInputStream in = bytes.newCodedInput();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case ID -> b.id(in.readStringRequireUtf8());
        case LABELS -> {
          CodedInputStream entry = in.readBytes().newCodedInput();
          String[] kv = {"", ""};
          for (int t = entry.readTag(); t != 0; t = entry.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
              case FIRST -> kv[0] = entry.readStringRequireUtf8();
              case SECOND -> kv[1] = entry.readStringRequireUtf8();
              default -> entry.skipField(t);
            }
          }
          b.label(kv[0], kv[1]);
        }
        case IMAGE -> b.image(in.readStringRequireUtf8());
        case RUNTIME -> {
          CodedInputStream runtime = in.readBytes().newCodedInput();
          String name = "";
          Any options = null;
          for (int t = runtime.readTag(); t != 0; t = runtime.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
              case FIRST -> name = runtime.readStringRequireUtf8();
              case SECOND -> options = Any.parseFrom(runtime.readBytes());
              default -> runtime.skipField(t);
            }
          }
          b.runtime(new RuntimeInfo(name, options));
        }
        case SPEC -> b.spec(Any.parseFrom(in.readBytes()));
        case SNAPSHOTTER -> b.snapshotter(in.readStringRequireUtf8());
        case SNAPSHOT_KEY -> b.snapshotKey(in.readStringRequireUtf8());
        case CREATED_AT -> b.createdAt(instant(Timestamp.parseFrom(in.readBytes())));
        case UPDATED_AT -> b.updatedAt(instant(Timestamp.parseFrom(in.readBytes())));
        case EXTENSIONS -> {
          CodedInputStream entry = in.readBytes().newCodedInput();
          String key = "";
          Any value = Any.getDefaultInstance();
          for (int t = entry.readTag(); t != 0; t = entry.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
              case FIRST -> key = entry.readStringRequireUtf8();
              case SECOND -> value = Any.parseFrom(entry.readBytes());
              default -> entry.skipField(t);
            }
          }
          b.extension(key, value);
        }
        case SANDBOX -> b.sandboxId(in.readStringRequireUtf8());
        default -> in.skipField(tag);
      }
    }
    return b.build();
  }

  /** proto3: an empty string is the default and is not written. */
  private static void string(CodedOutputStream out, int field, String value) throws IOException {
    if (!value.isEmpty()) {
      out.writeString(field, value);
    }
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  @FunctionalInterface
  private interface Body {
    void write(CodedOutputStream out) throws IOException;
  }

  private static ByteString message(Body body) {
    try {
      ByteString.Output bytes = ByteString.newOutput();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      body.write(out);
      out.flush();
      return bytes.toByteString();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory output: cannot happen
    }
  }
}
