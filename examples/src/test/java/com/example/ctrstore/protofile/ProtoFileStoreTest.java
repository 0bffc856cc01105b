package com.example.ctrstore.protofile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import dev.ctrstore.AlreadyExistsException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.RuntimeInfo;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is particular to the protofile backend, beyond the conformance kit: records survive a
 * reopen exactly, the file is containerd's protobuf encoding, failed writes leave the file
 * alone, and configuration errors name the key.
 */
class ProtoFileStoreTest {
  private static final Context CTX = Context.withNamespace("default");

  @TempDir Path dir;

  private static Any any(String typeUrl, String value) {
    return Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFromUtf8(value)).build();
  }

  private static Container full(String id) {
    return Container.builder()
        .id(id)
        .label("env", "prod")
        .label("ünïcode", "✓")
        .image("docker.io/library/nginx:1.27")
        .runtime(new RuntimeInfo("io.containerd.runc.v2", Any.getDefaultInstance()))
        .spec(any("types.containerd.io/opencontainers/runtime-spec/1/Spec", "{\"ociVersion\":\"1.1.0\"}"))
        .snapshotter("overlayfs")
        .snapshotKey(id)
        .extension("example.com/empty", Any.getDefaultInstance())
        .extension("example.com/note", any("example.com/Note", "hello"))
        .sandboxId("pod-1")
        .build();
  }

  private Store open() {
    Properties props = new Properties();
    props.setProperty("ctrstore.backend", "protofile");
    props.setProperty("ctrstore.protofile.dir", dir.toString());
    return Stores.open(props);
  }

  @Test
  void everyFieldSurvivesAReopen() {
    Container created;
    try (Store store = open()) {
      created = store.create(CTX, full("web-1"));
      store.create(CTX, Container.builder().id("bare").runtime("r").spec(Any.getDefaultInstance()).build());
    }
    try (Store store = open()) {
      Container read = store.get(CTX, "web-1");
      assertEquals(created, read);
      // An empty Any is a value, distinct from "no options".
      assertEquals(Any.getDefaultInstance(), read.runtime().options());
      assertEquals(null, store.get(CTX, "bare").runtime().options());
      assertEquals(List.of("bare", "web-1"), store.list(CTX).stream().map(Container::id).toList());
    }
  }

  @Test
  void eachNamespaceIsOneFileOfContainerdEncodedMessages() throws Exception {
    try (Store store = open()) {
      store.create(CTX, full("web-1"));
      store.create(Context.withNamespace("other"), full("web-2"));
    }
    assertTrue(Files.exists(dir.resolve("other.pb")));

    // Decode with no schema at all: field numbers are containerd's.
    CodedInputStream in = CodedInputStream.newInstance(Files.readAllBytes(dir.resolve("default.pb")));
    UnknownFieldSet message = UnknownFieldSet.parseFrom(in.readBytes());
    assertTrue(in.isAtEnd(), "one container, one message");
    assertEquals(ByteString.copyFromUtf8("web-1"), message.getField(1).getLengthDelimitedList().get(0));
    assertEquals(ByteString.copyFromUtf8("docker.io/library/nginx:1.27"),
        message.getField(3).getLengthDelimitedList().get(0));
    Any spec = Any.parseFrom(message.getField(5).getLengthDelimitedList().get(0));
    assertEquals("types.containerd.io/opencontainers/runtime-spec/1/Spec", spec.getTypeUrl());
    assertEquals(2, message.getField(10).getLengthDelimitedList().size(), "two extensions");
  }

  @Test
  void aFailedWriteLeavesTheFileAsItWas() throws Exception {
    try (Store store = open()) {
      store.create(CTX, full("web-1"));
      byte[] before = Files.readAllBytes(dir.resolve("default.pb"));

      assertThrows(AlreadyExistsException.class, () -> store.create(CTX, full("web-1")));
      assertThrows(InvalidArgumentException.class, () -> store.update(CTX,
          Container.builder().id("web-1").label("big", "x".repeat(5000)).build(), "labels.big"));

      assertArrayEquals(before, Files.readAllBytes(dir.resolve("default.pb")));
    }
  }

  @Test
  void twoStoresOnOneDirectorySeeEachOthersWrites() {
    try (Store a = open(); Store b = open()) {
      a.create(CTX, full("web-1"));
      b.update(CTX, Container.builder().id("web-1").label("env", "staging").build(), "labels.env");
      assertEquals("staging", a.get(CTX, "web-1").labels().get("env"));
      a.delete(CTX, "web-1");
      assertTrue(b.list(CTX).isEmpty());
    }
  }

  @Test
  void configurationErrorsNameTheKey() {
    Properties props = new Properties();
    props.setProperty("ctrstore.backend", "protofile");
    InvalidArgumentException missing =
        assertThrows(InvalidArgumentException.class, () -> Stores.open(props));
    assertEquals("ctrstore.protofile.dir must be set to a directory", missing.getMessage());

    props.setProperty("ctrstore.protofile.dir", dir.toString());
    props.setProperty("ctrstore.protofile.sync", "sometimes");
    InvalidArgumentException sync =
        assertThrows(InvalidArgumentException.class, () -> Stores.open(props));
    assertEquals("ctrstore.protofile.sync: expected true or false, got \"sometimes\"", sync.getMessage());

    props.remove("ctrstore.protofile.sync");
    props.setProperty("ctrstore.protofile.dri", dir.toString());
    InvalidArgumentException typo =
        assertThrows(InvalidArgumentException.class, () -> Stores.open(props));
    assertTrue(typo.getMessage().startsWith("unknown configuration key \"ctrstore.protofile.dri\""),
        typo.getMessage());
  }
}
