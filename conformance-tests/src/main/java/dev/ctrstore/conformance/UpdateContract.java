package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.any;
import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.emptyAny;
import static dev.ctrstore.conformance.Fixtures.newNamespace;
import static dev.ctrstore.conformance.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.RuntimeInfo;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Update and its field paths (docs/semantics.md §7, the worked examples U1–U17 of §7.6, decisions D-2, D-3,
 * D-4, D-7, D-10). Each check starts from the reference's record S.
 */
public abstract class UpdateContract extends Contract {
  protected UpdateContract(StoreConformanceTest kit) {
    super(kit);
  }

  private final Any optionsO = any("rt.options/O", "O");
  private final Any specS = any(Fixtures.SPEC_TYPE, "S");
  private final Any e1 = any("ext/e1", "e1");
  private final Any e2 = any("ext/e2", "e2");
  private Container stored;

  @BeforeEach
  void storeS() {
    stored = create(Container.builder().id("s")
        .labels(Map.of("keep", "1", "x", "2", "a.b", "3")).image("img")
        .runtime(new RuntimeInfo("rt", optionsO)).spec(specS).snapshotter("snap")
        .snapshotKey("key").sandboxId("sb").extension("e1", e1).extension("e2", e2));
  }

  private Container.Builder in() {
    return Container.builder().id("s");
  }

  private Container.Builder full() {
    return in().spec(specS).runtime("rt").snapshotter("snap");
  }

  private void assertUnchanged() {
    assertEquals(stored, get("s"));
  }

  private Container updated(Container.Builder b, String... paths) {
    Container out = update(b, paths);
    assertEquals(out, get("s"), "update must return what a later get returns");
    return out;
  }

  @Test
  void u1SetsOneLabelAndDeletesAnother() {
    Container out = updated(in().label("keep", "zzz").label("x", ""), "labels.keep", "labels.x");
    assertEquals(Map.of("keep", "zzz", "a.b", "3"), out.labels());
  }

  @Test
  void u2LabelMissingFromInputIsDeleted() {
    assertEquals(Map.of("keep", "1", "a.b", "3"), updated(in(), "labels.x").labels());
  }

  @Test
  void u3DottedLabelKeyIsOneKey() {
    Container out = updated(in().label("a.b", "new"), "labels.a.b");
    assertEquals(Map.of("keep", "1", "x", "2", "a.b", "new"), out.labels());
  }

  @Test
  void u4LabelsPathWithOnlyEmptyValuesClearsLabels() {
    Container out = updated(in().label("q", ""), "labels");
    assertNotNull(out.labels());
    assertEquals(Map.of(), out.labels());
  }

  @Test
  void u5LabelsPathWithNoLabelsClearsLabels() {
    assertEquals(Map.of(), updated(in(), "labels").labels());
  }

  @Test
  void u6NullSpecIsInvalid() {
    assertInvalid(() -> update(in().spec(null), "spec"));
    assertUnchanged();
  }

  @Test
  void u7EmptyImageClearsIt() {
    assertEquals("", updated(in().image(""), "image").image());
  }

  @Test
  void u8ABadPathAfterAGoodOneWritesNothing() {
    InvalidArgumentException e = assertInvalid(() -> update(in().image("changed"), "image", "bogus"));
    assertTrue(e.getMessage().contains("bogus"), e.getMessage());
    assertUnchanged();
  }

  @Test
  void u9FullUpdateReplacesTheDefaultFields() { // D-2: extensions replaced (containerd keeps them)
    Container out = updated(full());
    assertEquals(Map.of(), out.labels());
    assertEquals("", out.image());
    assertEquals("", out.snapshotKey());
    assertEquals(specS, out.spec());
    assertEquals(Map.of(), out.extensions());
    assertEquals("sb", out.sandboxId());
    assertEquals(optionsO, out.runtime().options());
    assertEquals("snap", out.snapshotter());
  }

  @Test
  void u10FullUpdateCannotChangeTheSnapshotter() {
    assertInvalid(() -> update(full().snapshotter("other")));
    assertInvalid(() -> update(full().snapshotter("")));
    assertUnchanged();
  }

  @Test
  void u11FullUpdateCannotChangeTheRuntimeName() {
    assertInvalid(() -> update(full().runtime("rt2")));
    assertInvalid(() -> update(full().runtime("RT")));
    assertInvalid(() -> update(full().runtime("")));
    assertUnchanged();
  }

  @Test
  void u12FullUpdateWithNullSpecIsInvalid() { // D-7
    assertInvalid(() -> update(full().spec(null)));
    assertUnchanged();
  }

  @Test
  void u13FullUpdateIgnoresSandboxOptionsAndTimes() {
    Container out = updated(full().labels(Map.of("n", "1")).image("img2").snapshotKey("key")
        .sandboxId("other").runtime(new RuntimeInfo("rt", any("rt.options/new", "new")))
        .createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH));
    assertEquals(Map.of("n", "1"), out.labels());
    assertEquals("img2", out.image());
    assertEquals("key", out.snapshotKey());
    assertEquals("sb", out.sandboxId());
    assertEquals(optionsO, out.runtime().options());
    assertEquals(stored.createdAt(), out.createdAt());
    assertTrue(out.updatedAt().isAfter(stored.updatedAt()));
  }

  @Test
  void u14WithPathsRuntimeAndSnapshotterInTheInputAreIgnored() {
    Container out = updated(in().runtime("other").snapshotter("zzz").image("img3"), "image");
    assertEquals("img3", out.image());
    assertEquals("rt", out.runtime().name());
    assertEquals("snap", out.snapshotter());
  }

  @Test
  void u15MissingRecordIsNotFoundBeforePathChecks() {
    assertNotFound(() -> update(Container.builder().id("missing"), "bogus"));
    assertNotFound(() -> update(Container.builder().id("missing")));
    assertNotFound(() -> update(Container.builder().id("bad id"), "image"));
  }

  @Test
  void u16EmptyIdIsInvalid() { // D-6
    assertInvalid(() -> update(Container.builder().id(""), "image"));
    assertInvalid(() -> update(full().id("")));
  }

  @Test
  void u17SnapshotKeyNeedsAStoredSnapshotter() {
    create(container("nosnap"));
    assertInvalid(() -> update(Container.builder().id("nosnap").snapshotKey("k"), "snapshotkey"));
    assertEquals("", get("nosnap").snapshotKey());
  }

  @Test
  void idPathWithAnotherIdIsNotFound() { // containerd's UpdateIDFail
    assertNotFound(() -> update(Container.builder().id("newid"), "id"));
    assertUnchanged();
  }

  @Test
  void snapshotKeyPathSetsAndClears() {
    assertEquals("key2", updated(in().snapshotKey("key2"), "snapshotkey").snapshotKey());
    assertEquals("", updated(in(), "snapshotkey").snapshotKey());
  }

  @Test
  void specPathReplacesTheSpec() {
    Any other = any("other/spec", "X");
    assertEquals(other, updated(in().spec(other), "spec").spec());
    assertEquals(emptyAny(), updated(in().spec(emptyAny()), "spec").spec());
  }

  @Test
  void labelPathKeyIsEverythingAfterTheFirstLabelsDot() { // §7.3
    Container out = updated(in().label("labels.z", "1").label("\"app/name\"", "2")
        .label("sp ace", "3"), "labels.labels.z", "labels.\"app/name\"", "labels.sp ace");
    assertEquals("1", out.labels().get("labels.z"));
    assertEquals("2", out.labels().get("\"app/name\""));
    assertEquals("3", out.labels().get("sp ace"));
    assertFalse(out.labels().containsKey("app/name"));
  }

  @Test
  void emptyLabelKeyPathIsANoOpThatStillAdvancesUpdatedAt() { // §7.3
    Container out = updated(in(), "labels.");
    assertEquals(stored.labels(), out.labels());
    assertTrue(out.updatedAt().isAfter(stored.updatedAt()));
  }

  @Test
  void emptyLabelKeyPathWithAValueIsInvalid() { // D-5 (containerd: kindless error)
    assertInvalid(() -> update(in().label("", "v"), "labels."));
    assertUnchanged();
  }

  @Test
  void labelSetThroughAPathIsSizeChecked() {
    assertInvalid(() -> update(in().label("big", "v".repeat(4094)), "labels.big"));
    assertUnchanged();
    assertEquals(4093, updated(in().label("big", "v".repeat(4093)), "labels.big")
        .labels().get("big").length());
  }

  @Test
  void extensionsPathReplacesTheMap() { // D-2 (containerd merges in storage)
    Any e3 = any("ext/e3", "e3");
    assertEquals(Map.of("e3", e3), updated(in().extension("e3", e3), "extensions").extensions());
    assertEquals(Map.of(), updated(in(), "extensions").extensions());
  }

  @Test
  void extensionKeyPathSetsOneExtension() {
    Any newE2 = any("ext/e2", "new");
    Any e3 = any("ext/e3", "e3");
    Container out = updated(in().extension("e2", newE2).extension("e1", e3).extension("e3", e3),
        "extensions.e2");
    assertEquals(Map.of("e1", e1, "e2", newE2), out.extensions());
  }

  @Test
  void extensionKeyPathAbsentFromInputRemovesIt() { // D-3 (containerd stores an empty Any)
    assertEquals(Map.of("e2", e2), updated(in(), "extensions.e1").extensions());
    assertEquals(Map.of("e2", e2), updated(in(), "extensions.nope").extensions());
  }

  @Test
  void emptyExtensionKeyPathIsInvalid() {
    assertInvalid(() -> update(in().extension("x", e1), "extensions."));
    assertUnchanged();
  }

  @Test
  void nullExtensionValueIsInvalidNamingTheKey() { // D-4
    InvalidArgumentException e = assertInvalid(() -> update(in().extension("e1", null), "extensions.e1"));
    assertTrue(e.getMessage().contains("e1"), e.getMessage());
    assertInvalid(() -> update(in().extension("nul", null), "extensions"));
    assertInvalid(() -> update(full().extension("nul", null)));
    assertUnchanged();
  }

  @Test
  void duplicatePathsAreHarmless() {
    Container out = updated(in().image("twice").label("k", "v"), "image", "image", "labels.k",
        "labels.k");
    assertEquals("twice", out.image());
    assertEquals("v", out.labels().get("k"));
  }

  @Test
  void fieldsNotNamedKeepTheirStoredValues() {
    Container out = updated(in().image("only"), "image");
    assertEquals(stored.toBuilder().image("only").updatedAt(out.updatedAt())
        .revision(out.revision()).build(), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "runtime", "runtime.name", "runtime.options", "snapshotter",
      "sandbox", "sandboxid", "sandboxId", "sandbox_id", "createdat", "created_at", "createdAt",
      "updatedat", "updated_at", "updatedAt", "Labels", "Labels.x", "Image", "SPEC",
      "Extensions", "snapshot_key", "snapshotKey", "SnapshotKey", "", "labels ", " labels",
      "image ", "label.x", "extension", "labels*", "labelsx", "spec.type_url"})
  void rejectedPathIsInvalidAndWritesNothing(String path) { // §7.5
    InvalidArgumentException e = assertInvalid(() -> update(full().image("changed"), path));
    assertTrue(e.getMessage().contains("\"" + path + "\""), e.getMessage());
    assertUnchanged();
    assertNotFound(() -> update(Container.builder().id("missing"), path));
  }

  @Test
  void updateInAnotherNamespaceIsNotFound() {
    Context other = Context.withNamespace(newNamespace());
    assertNotFound(() -> store().update(other, in().image("x").build(), "image"));
    assertUnchanged();
  }

  @Test
  void nullPathIsInvalid() {
    assertInvalid(() -> update(in().image("x"), "image", null));
    assertUnchanged();
  }

  @Test
  void nullContainerIsInvalid() {
    assertInvalid(() -> store().update(context(), null, "image"));
    assertInvalid(() -> store().create(context(), null));
  }
}
