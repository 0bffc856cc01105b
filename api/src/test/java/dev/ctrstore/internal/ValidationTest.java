package dev.ctrstore.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.RuntimeInfo;
import org.junit.jupiter.api.Test;

/** docs/semantics.md §3 with decisions D-4, D-5, D-12 (§13.1). */
class ValidationTest {
  private static final Any SPEC = Any.newBuilder().setTypeUrl("t/spec")
      .setValue(ByteString.copyFromUtf8("{}")).build();

  private static Container.Builder valid() {
    return Container.builder().id("c1").runtime("io.containerd.runc.v2").spec(SPEC);
  }

  private static String rejected(Container c) {
    return assertThrows(InvalidArgumentException.class, () -> Validation.validate(c)).getMessage();
  }

  @Test
  void minimalContainerPasses() {
    assertDoesNotThrow(() -> Validation.validate(valid().build()));
  }

  @Test
  void labelOfExactly4096BytesPassesAnd4097Fails() {
    // "ä" is two bytes: key 2 bytes + value 4094 bytes = 4096.
    assertDoesNotThrow(() -> Validation.validate(valid().label("ä", "v".repeat(4094)).build()));
    String m = rejected(valid().label("ä", "v".repeat(4095)).build());
    assertTrue(m.contains("key+value exceeds 4096 bytes (4097)"), m);
    assertTrue(m.startsWith("container \"c1\": label \"ä\""), m);
  }

  @Test
  void emptyValuedLabelsAreStillSizeChecked() {
    String m = rejected(valid().label("k".repeat(5000), "").build());
    assertTrue(m.contains("exceeds 4096 bytes"), m);
  }

  @Test
  void emptyLabelKeyIsRejectedWhateverTheValue() {
    assertTrue(rejected(valid().label("", "").build()).contains("label key must not be empty"));
    assertTrue(rejected(valid().label("", "v").build()).contains("label key must not be empty"));
  }

  @Test
  void extensionRules() {
    assertTrue(rejected(valid().extension("", SPEC).build())
        .contains("extension key must not be empty"));
    assertTrue(rejected(valid().extension("e1", null).build())
        .contains("extension \"e1\": value must not be null"));
    assertTrue(rejected(valid().extension("k".repeat(32769), SPEC).build())
        .contains("exceeds 32768 bytes"));
    assertDoesNotThrow(() -> Validation.validate(valid().extension("k".repeat(32768), SPEC).build()));
  }

  @Test
  void runtimeSpecAndSnapshotRules() {
    assertTrue(rejected(valid().runtime("").build()).contains("runtime name must be set"));
    assertTrue(rejected(valid().spec(null).build()).contains("spec must be set"));
    assertDoesNotThrow(() -> Validation.validate(valid().spec(Any.getDefaultInstance()).build()));
    assertTrue(rejected(valid().snapshotKey("k").build()).contains("requires a snapshotter"));
    assertDoesNotThrow(() -> Validation.validate(valid().snapshotter("overlayfs").build()));
    assertDoesNotThrow(() -> Validation.validate(
        valid().snapshotter("overlayfs").snapshotKey("k").build()));
  }

  @Test
  void orderIsIdThenExtensionsThenLabelsThenRuntimeThenSpecThenSnapshot() {
    Container allWrong = Container.builder().id("bad id").extension("", null).label("", "x")
        .snapshotKey("k").build();
    assertTrue(rejected(allWrong).startsWith("container id"));
    Container noId = allWrong.toBuilder().id("ok").build();
    assertTrue(rejected(noId).contains("extension key"));
    Container noExt = noId.toBuilder().extensions(null).build();
    assertTrue(rejected(noExt).contains("label key"));
    Container noLabel = noExt.toBuilder().labels(null).build();
    assertTrue(rejected(noLabel).contains("runtime name"));
    Container runtime = noLabel.toBuilder().runtime(RuntimeInfo.of("rt")).build();
    assertTrue(rejected(runtime).contains("spec"));
    assertTrue(rejected(runtime.toBuilder().spec(SPEC).build()).contains("snapshotter"));
  }

  @Test
  void unpairedSurrogatesAreRejected() {
    assertTrue(rejected(valid().image("img\ud800").build()).contains("image"));
    assertTrue(rejected(valid().label("k", "\udc00").build()).contains("not valid Unicode"));
    assertTrue(rejected(valid().spec(Any.newBuilder().setTypeUrl("t\ud800").build()).build())
        .contains("spec type URL"));
  }

  @Test
  void anythingElseInLabelsIsAllowed() {
    assertDoesNotThrow(() -> Validation.validate(valid()
        .label("a.b/c=d e", "ключ 😀").label("nul\u0000key", "nul\u0000value").build()));
  }
}
