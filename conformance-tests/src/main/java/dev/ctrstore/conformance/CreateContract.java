package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.any;
import static dev.ctrstore.conformance.Fixtures.assertError;
import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.emptyAny;
import static dev.ctrstore.conformance.Fixtures.fullContainer;
import static dev.ctrstore.conformance.Fixtures.newNamespace;
import static dev.ctrstore.conformance.Fixtures.spec;
import static dev.ctrstore.conformance.Fixtures.untimed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.AlreadyExistsException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.RuntimeInfo;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Create (docs/semantics.md §6, §1.6 and decision D-1): what is stored and what comes back. */
public abstract class CreateContract extends Contract {
  protected CreateContract(StoreConformanceTest kit) {
    super(kit);
  }

  @Test
  void returnsWhatALaterGetReturns() {
    Container created = create(fullContainer("full"));
    assertEquals(created, get("full"));
  }

  @Test
  void storesEveryFieldAsGiven() {
    Container input = fullContainer("full").build();
    Container created = store().create(context(), input);
    assertEquals(input, untimed(created));
    assertEquals(input, untimed(get("full")));
  }

  @Test
  void keepsAnyValuesByteForByte() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    Any binary = any("example.com/binary", all);
    create(container("bin").spec(binary).extension("b", binary)
        .runtime(new RuntimeInfo(Fixtures.RUNTIME, binary)));
    Container got = get("bin");
    assertEquals(binary, got.spec());
    assertEquals(binary, got.extensions().get("b"));
    assertEquals(binary, got.runtime().options());
  }

  @Test
  void keepsALargeSpec() {
    byte[] big = new byte[1 << 20];
    new Random(42).nextBytes(big);
    Any spec = any(Fixtures.SPEC_TYPE, big);
    create(container("big").spec(spec));
    assertEquals(spec, get("big").spec());
  }

  @Test
  void duplicateIdIsAlreadyExists() {
    create(container("dup").image("first"));
    AlreadyExistsException e = assertError(AlreadyExistsException.class,
        ErrorKind.ALREADY_EXISTS, () -> create(container("dup").image("second")));
    assertTrue(e.getMessage().contains("dup"), e.getMessage());
    assertEquals("first", get("dup").image());
  }

  @Test
  void validationComesBeforeTheDuplicateCheck() {
    create(container("dup"));
    assertInvalid(() -> create(container("dup").runtime("")));
    assertInvalid(() -> create(container("dup").spec(null)));
  }

  @Test
  void sameIdInTwoNamespacesIsTwoRecords() {
    Context other = Context.withNamespace(newNamespace());
    create(container("same").image("one"));
    store().create(other, container("same").image("two").build());
    assertEquals("one", get("same").image());
    assertEquals("two", store().get(other, "same").image());
    delete("same");
    assertEquals("two", store().get(other, "same").image());
  }

  @Test
  void idsAreCaseSensitive() {
    create(container("a").image("lower"));
    create(container("A").image("upper"));
    assertEquals("lower", get("a").image());
    assertEquals("upper", get("A").image());
  }

  @Test
  void dropsLabelsWithAnEmptyValue() {
    Container created = create(container("c").label("a", "").label("b", "1"));
    assertEquals(Map.of("b", "1"), created.labels());
    assertEquals(Map.of("b", "1"), get("c").labels());
  }

  @Test
  void onlyEmptyValuedLabelsGiveAnEmptyMap() {
    Container created = create(container("c").label("a", ""));
    assertEquals(Map.of(), created.labels());
    assertEquals(Map.of(), get("c").labels());
  }

  @Test
  void nullMapsComeBackEmpty() { // D-1, §1.6
    Container created = create(container("c").labels(null).extensions(null));
    assertEquals(Map.of(), created.labels());
    assertEquals(Map.of(), created.extensions());
    assertEquals(created, get("c"));
  }

  @Test
  void emptyMapsComeBackEmptyNeverNull() { // D-1
    Container created = create(container("c").labels(Map.of()).extensions(Map.of()));
    assertNotNull(created.labels());
    assertNotNull(created.extensions());
    assertTrue(created.labels().isEmpty() && created.extensions().isEmpty());
    Container got = get("c");
    assertNotNull(got.labels());
    assertNotNull(got.extensions());
    assertEquals(created, got);
  }

  @Test
  void emptyAnyIsAValidSpecDistinctFromNull() {
    Container created = create(container("c").spec(emptyAny()));
    assertEquals(emptyAny(), created.spec());
    assertEquals(emptyAny(), get("c").spec());
  }

  @Test
  void runtimeOptionsKeepNullAndEmptyApart() {
    create(container("none").runtime(new RuntimeInfo(Fixtures.RUNTIME, null)));
    create(container("empty").runtime(new RuntimeInfo(Fixtures.RUNTIME, emptyAny())));
    assertNull(get("none").runtime().options());
    assertEquals(emptyAny(), get("empty").runtime().options());
  }

  @Test
  void storesTheSandboxIdVerbatimWithoutValidation() { // §1.5, D-10
    assertEquals("sb 1 !!", create(container("c").sandboxId("sb 1 !!")).sandboxId());
    assertEquals("sb 1 !!", get("c").sandboxId());
  }

  @Test
  void acceptsASnapshotterWithoutASnapshotKey() {
    create(container("c").snapshotter("overlayfs"));
    assertEquals("overlayfs", get("c").snapshotter());
    assertEquals("", get("c").snapshotKey());
  }

  @Test
  void labelsMayHoldAnyCharacters() { // §3.2, §14
    Map<String, String> labels = new TreeMap<>();
    labels.put("a.b.c", "dots");
    labels.put("app/name", "x/y");
    labels.put("k=v", "a=b");
    labels.put("sp ace", "x y");
    labels.put("ключ", "значение");
    labels.put("emoji😀", "🚀");
    labels.put("nul\0key", "nul\0value");
    labels.put("pad", " ");
    labels.put("pad ", "a ");
    labels.put("Case", "upper");
    labels.put("case", "lower");
    labels.put("containerd.io/reserved", "not enforced");
    labels.put("io.cri-containerd.kind", "sandbox");
    create(container("c").labels(labels));
    assertEquals(labels, get("c").labels());
  }

  @Test
  void extensionKeysMayHoldAnyCharacters() {
    Map<String, Any> ext = new TreeMap<>();
    ext.put("a.b/c d", any("t/1", "1"));
    ext.put("ключ😀", any("t/2", "2"));
    ext.put("E", any("t/3", "3"));
    ext.put("e", any("t/4", "4"));
    create(container("c").extensions(ext));
    assertEquals(ext, get("c").extensions());
  }

  @Test
  void emptyStringFieldsStayEmpty() {
    Container got = create(container("c").image("").snapshotter("").snapshotKey(""));
    assertEquals("", got.image());
    assertEquals("", got.snapshotter());
    assertEquals("", got.snapshotKey());
    assertEquals("", got.sandboxId());
    assertEquals(got, get("c"));
  }
}
