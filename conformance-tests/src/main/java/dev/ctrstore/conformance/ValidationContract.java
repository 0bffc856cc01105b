package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.any;
import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.spec;
import static dev.ctrstore.conformance.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.RuntimeInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Validation (docs/semantics.md §3, decisions D-4, D-5, D-7, D-12): every rule, on create. */
public abstract class ValidationContract extends Contract {
  protected ValidationContract(StoreConformanceTest kit) {
    super(kit);
  }

  @TestFactory
  Stream<DynamicTest> validIdentifiers() { // §3.1
    return Stream.of("a", "A", "0", "a-b", "a.b", "a_b", "x".repeat(76), "a1-B2.c3_d4", "0-0")
        .map(id -> dynamicTest(id.length() > 20 ? id.length() + " bytes" : id, () -> {
          assertEquals(id, create(container(id)).id());
          assertEquals(id, get(id).id());
        }));
  }

  @TestFactory
  Stream<DynamicTest> invalidIdentifiers() { // §3.1
    return Stream.of("", "y".repeat(77), "a--b", "a._b", "-a", ".a", "_a", "a-", "a.", "a b",
            "a/b", "a:b", "ä", "abc\n", "\nabc", "a\0b", "éa", "a😀")
        .map(id -> dynamicTest("\"" + id.replace("\n", "\\n").replace("\0", "\\0") + "\"", () -> {
          assertInvalid(() -> create(container(id)));
          assertEquals(List.of(), list());
        }));
  }

  @Test
  void labelOf4096BytesPassesAnd4097Fails() { // §3.2, counted in UTF-8 bytes
    List<String[]> atLimit = List.of(
        new String[] {"k", "v".repeat(4095)},
        new String[] {"ключ", "é".repeat(2044)},          // 8 + 4088 bytes
        new String[] {"e", "😀".repeat(1023) + "abc"},     // 1 + 4092 + 3
        new String[] {"€".repeat(1365), "a"});             // 4095 + 1
    int n = 0;
    for (String[] kv : atLimit) {
      assertEquals(4096, utf8(kv[0]) + utf8(kv[1]));
      String id = "ok" + n++;
      create(container(id).label(kv[0], kv[1]));
      assertEquals(kv[1], get(id).labels().get(kv[0]));
      String over = kv[1] + "x";
      assertInvalid(() -> create(container("over").label(kv[0], over)));
      assertInvalid(() -> create(container("over").label(kv[0] + "é", kv[1])));
    }
    assertAbsent("over");
  }

  @Test
  void oversizedLabelWithAnEmptyValueIsStillRejected() {
    assertInvalid(() -> create(container("c").label("k".repeat(5000), "")));
    assertAbsent("c");
  }

  @Test
  void labelSizeErrorNamesTheLabelAndTheLimit() {
    InvalidArgumentException e = assertInvalid(
        () -> create(container("c").label("toolong", "v".repeat(4090))));
    assertTrue(e.getMessage().contains("toolong"), e.getMessage());
    assertTrue(e.getMessage().contains("4096"), e.getMessage());
  }

  @Test
  void emptyLabelKeyIsRejectedWhateverItsValue() { // D-5
    assertInvalid(() -> create(container("c").label("", "")));
    assertInvalid(() -> create(container("c").label("", "v")));
    assertAbsent("c");
  }

  @Test
  void emptyExtensionKeyIsRejected() {
    assertInvalid(() -> create(container("c").extension("", any("t", "v"))));
    assertAbsent("c");
  }

  @Test
  void nullExtensionValueIsRejectedNamingTheKey() { // D-4
    InvalidArgumentException e = assertInvalid(
        () -> create(container("c").extension("the-key", null)));
    assertTrue(e.getMessage().contains("the-key"), e.getMessage());
    assertAbsent("c");
  }

  @Test
  void extensionKeyMayHave32768BytesButNotMore() { // §3.3, D-12
    String longest = "k".repeat(32768);
    create(container("ok").extension(longest, any("t", "v")));
    assertEquals(Set.of(longest), get("ok").extensions().keySet());
    assertInvalid(() -> create(container("over").extension(longest + "k", any("t", "v"))));
    assertAbsent("over");
  }

  @Test
  void runtimeNameIsRequired() {
    assertInvalid(() -> create(container("c").runtime("")));
    assertInvalid(() -> create(container("c").runtime(new RuntimeInfo("", any("t", "o")))));
    assertAbsent("c");
  }

  @Test
  void specIsRequired() { // D-7
    assertInvalid(() -> create(container("c").spec(null)));
    assertAbsent("c");
  }

  @Test
  void snapshotKeyRequiresASnapshotter() {
    assertInvalid(() -> create(container("c").snapshotKey("key")));
    assertAbsent("c");
  }

  @Test
  void stringThatIsNotUnicodeIsInvalidArgument() { // D-12: never a raw backend error
    String broken = "t\uD800x";
    assertInvalid(() -> create(container("c").spec(any(broken, "v"))));
    assertInvalid(() -> create(container("c").extension("e", any(broken, "v"))));
    assertInvalid(() -> create(container("c").runtime(new RuntimeInfo("rt", any(broken, "v")))));
    assertInvalid(() -> create(container("c").label("k", broken)));
    assertInvalid(() -> create(container("c").label(broken, "v")));
    assertAbsent("c");
  }

  @Test
  void invalidIdErrorNamesTheId() {
    InvalidArgumentException e = assertInvalid(() -> create(container("bad id")));
    assertTrue(e.getMessage().contains("bad id"), e.getMessage());
  }

  @Test
  void mergedRecordIsValidatedOnUpdate() { // §7.1 step 6
    create(container("c").label("k", "v"));
    assertInvalid(() -> update(container("c").label("k", "v".repeat(4096)), "labels"));
    assertInvalid(() -> update(container("c").snapshotKey("key")));
    assertEquals(Map.of("k", "v"), get("c").labels());
  }
}
