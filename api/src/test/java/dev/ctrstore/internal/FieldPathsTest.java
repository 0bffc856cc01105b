package dev.ctrstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.RuntimeInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worked update examples of docs/semantics.md §7.6 with decisions D-2 and D-3, on the pure merge. */
class FieldPathsTest {
  private static Any any(String s) {
    return Any.newBuilder().setTypeUrl("t/" + s).setValue(ByteString.copyFromUtf8(s)).build();
  }

  private static final Container S = Container.builder().id("s")
      .labels(Map.of("keep", "1", "x", "2", "a.b", "3")).image("img")
      .runtime(new RuntimeInfo("rt", any("O"))).spec(any("S")).snapshotter("snap")
      .snapshotKey("key").sandboxId("sb").extension("e1", any("e1")).extension("e2", any("e2"))
      .build();

  private static Container merge(Container input, String... paths) {
    return FieldPaths.normalize(FieldPaths.merge(S, input, List.of(paths)));
  }

  private static Container.Builder in() {
    return Container.builder().id("s");
  }

  @Test
  void u1SetsOneLabelAndDeletesAnother() {
    Container out = merge(in().label("keep", "zzz").label("x", "").build(), "labels.keep", "labels.x");
    assertEquals(Map.of("keep", "zzz", "a.b", "3"), out.labels());
  }

  @Test
  void u2AbsentLabelDeletes() {
    assertEquals(Map.of("keep", "1", "a.b", "3"), merge(in().build(), "labels.x").labels());
  }

  @Test
  void u3DottedKey() {
    assertEquals("new", merge(in().label("a.b", "new").build(), "labels.a.b").labels().get("a.b"));
  }

  @Test
  void u4u5ReplaceAllLabels() {
    assertEquals(Map.of(), merge(in().label("q", "").build(), "labels").labels());
    assertEquals(Map.of(), merge(in().build(), "labels").labels());
  }

  @Test
  void u7ImageCleared() {
    assertEquals("", merge(in().build(), "image").image());
  }

  @Test
  void u8FirstUnsupportedPathRejectsTheWholeUpdate() {
    var e = assertThrows(InvalidArgumentException.class,
        () -> merge(in().image("changed").build(), "image", "bogus"));
    assertEquals("cannot update \"bogus\" field on \"s\"", e.getMessage());
  }

  @Test
  void u9FullUpdateReplacesTheDefaultFieldsOnly() {
    Container out = merge(in().spec(any("S")).runtime("rt").snapshotter("snap").build());
    assertEquals(Map.of(), out.labels());
    assertEquals("", out.image());
    assertEquals("", out.snapshotKey());
    assertEquals(Map.of(), out.extensions()); // D-2: a full update replaces extensions
    assertEquals("sb", out.sandboxId());
    assertEquals(any("O"), out.runtime().options());
  }

  @Test
  void u10u11ImmutableFieldsOnFullUpdate() {
    assertTrue(assertThrows(InvalidArgumentException.class,
        () -> merge(in().runtime("rt").snapshotter("other").build())).getMessage()
        .contains("snapshotter"));
    assertTrue(assertThrows(InvalidArgumentException.class,
        () -> merge(in().runtime("rt2").snapshotter("snap").build())).getMessage()
        .contains("runtime.name"));
  }

  @Test
  void u13FullUpdateIgnoresSandboxOptionsAndTimes() {
    Container out = merge(in().runtime(new RuntimeInfo("rt", any("new"))).snapshotter("snap")
        .spec(any("S")).label("n", "1").image("img2").snapshotKey("key").sandboxId("other")
        .createdAt(java.time.Instant.EPOCH).build());
    assertEquals(Map.of("n", "1"), out.labels());
    assertEquals("img2", out.image());
    assertEquals("sb", out.sandboxId());
    assertEquals(any("O"), out.runtime().options());
    assertEquals(S.createdAt(), out.createdAt());
  }

  @Test
  void u14RuntimeAndSnapshotterIgnoredWhenPathsGiven() {
    Container out = merge(in().runtime("other").snapshotter("zzz").image("img3").build(), "image");
    assertEquals("img3", out.image());
    assertEquals("rt", out.runtime().name());
    assertEquals("snap", out.snapshotter());
  }

  @Test
  void extensionsPathReplaces() {
    Container out = merge(in().extension("e3", any("e3")).build(), "extensions");
    assertEquals(Map.of("e3", any("e3")), out.extensions());
  }

  @Test
  void extensionKeyAbsentFromInputIsRemoved() {
    Container out = merge(in().build(), "extensions.e1");
    assertEquals(Map.of("e2", any("e2")), out.extensions());
    Container set = merge(in().extension("e2", any("new")).build(), "extensions.e2");
    assertEquals(any("new"), set.extensions().get("e2"));
  }

  @Test
  void emptyExtensionKeyPathIsRejected() {
    assertThrows(InvalidArgumentException.class, () -> merge(in().build(), "extensions."));
  }

  @Test
  void labelPathKeysAreVerbatim() {
    Container out = merge(in().label("\"app/name\"", "v").label("labels.z", "w").build(),
        "labels.\"app/name\"", "labels.labels.z");
    assertEquals("v", out.labels().get("\"app/name\""));
    assertEquals("w", out.labels().get("labels.z"));
  }

  @Test
  void duplicatePathsAreHarmless() {
    assertEquals("i", merge(in().image("i").build(), "image", "image").image());
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "runtime", "runtime.name", "runtime.options", "snapshotter",
      "sandbox", "sandboxid", "createdat", "created_at", "updatedat", "Labels", "Image", "SPEC",
      "snapshot_key", "snapshotKey", "", "labels "})
  void rejectedPaths(String path) {
    var e = assertThrows(InvalidArgumentException.class, () -> merge(in().build(), path));
    assertEquals("cannot update \"" + path + "\" field on \"s\"", e.getMessage());
  }

  /** containerd validates the merged record, where labels[k] = input[k] even when empty. */
  private static void mergeAndValidate(Container input, String... paths) {
    Validation.validate(FieldPaths.merge(S, input, List.of(paths)));
  }

  @Test
  void labelPathWithAKeyOver4096BytesIsInvalidEvenWhenItDeletes() {
    String key = "k".repeat(Validation.MAX_LABEL_BYTES + 1);
    var e = assertThrows(InvalidArgumentException.class,
        () -> mergeAndValidate(in().build(), "labels." + key));
    assertTrue(e.getMessage().contains("exceeds 4096 bytes"), e.getMessage());
    mergeAndValidate(in().build(), "labels." + "k".repeat(Validation.MAX_LABEL_BYTES));
  }

  @Test
  void labelPathWhoseKeyPlusValueExceeds4096BytesIsInvalid() {
    String key = "k".repeat(4000);
    assertThrows(InvalidArgumentException.class,
        () -> mergeAndValidate(in().label(key, "v".repeat(97)).build(), "labels." + key));
    mergeAndValidate(in().label(key, "v".repeat(96)).build(), "labels." + key);
  }

  @Test
  void emptyLabelPathKeyIsANoOpUnlessTheInputSetsIt() { // §7.3, D-5
    assertEquals(S.labels(), merge(in().build(), "labels.").labels());
    var e = assertThrows(InvalidArgumentException.class,
        () -> mergeAndValidate(in().label("", "v").build(), "labels."));
    assertTrue(e.getMessage().contains("label key must not be empty"), e.getMessage());
  }

  @Test
  void deletingALabelStillLeavesNoEmptyValueStored() {
    assertEquals(Map.of("keep", "1", "a.b", "3"), merge(in().build(), "labels.x").labels());
  }
}
