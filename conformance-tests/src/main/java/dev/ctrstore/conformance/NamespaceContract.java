package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.assertError;
import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.ids;
import static dev.ctrstore.conformance.Fixtures.newNamespace;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Namespaces (docs/semantics.md §2): required, validated, checked first, isolated. */
public abstract class NamespaceContract extends Contract {
  protected NamespaceContract(StoreConformanceTest kit) {
    super(kit);
  }

  private void assertEveryOperationFails(Context c, Class<? extends StoreException> type,
      ErrorKind kind) {
    Container valid = container("x").build();
    assertAll(
        () -> assertError(type, kind, () -> store().get(c, "x")),
        () -> assertError(type, kind, () -> store().get(c, "")),
        () -> assertError(type, kind, () -> store().list(c)),
        () -> assertError(type, kind, () -> store().list(c, "labels.a==b")),
        () -> assertError(type, kind, () -> store().create(c, valid)),
        () -> assertError(type, kind, () -> store().update(c, valid, "image")),
        () -> assertError(type, kind, () -> store().update(c, valid)),
        () -> assertError(type, kind, () -> store().delete(c, "x")),
        () -> assertError(type, kind, () -> store().delete(c, "")));
  }

  @Test
  void missingNamespaceIsFailedPreconditionForEveryOperation() {
    assertEveryOperationFails(Context.empty(), FailedPreconditionException.class,
        ErrorKind.FAILED_PRECONDITION);
  }

  @Test
  void emptyNamespaceIsFailedPreconditionForEveryOperation() {
    assertEveryOperationFails(Context.withNamespace(""), FailedPreconditionException.class,
        ErrorKind.FAILED_PRECONDITION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad ns", "-a", "a-", "a--b", "a._b", ".a", "a/b", "a:b", "ä",
      "abc\n", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"})
  void invalidNamespaceIsInvalidArgumentForEveryOperation(String ns) {
    assertEveryOperationFails(Context.withNamespace(ns), InvalidArgumentException.class,
        ErrorKind.INVALID_ARGUMENT);
  }

  @Test
  void namespaceIsCheckedBeforeTheFilters() {
    assertNoNamespace(() -> store().list(Context.empty(), "bad("));
    InvalidArgumentException e = assertInvalid(
        () -> store().list(Context.withNamespace("bad ns"), "bad("));
    assertTrue(e.getMessage().contains("namespace"), e.getMessage());
  }

  @Test
  void namespaceIsCheckedBeforeValidationAndLookup() {
    Container invalid = Container.builder().id("bad id").build();
    assertNoNamespace(() -> store().create(Context.empty(), invalid));
    assertNoNamespace(() -> store().update(Context.empty(), container("missing").build(), "bogus"));
    assertNoNamespace(() -> store().get(Context.empty(), "bad id"));
    InvalidArgumentException e = assertInvalid(
        () -> store().create(Context.withNamespace("bad ns"), container("ok").build()));
    assertTrue(e.getMessage().contains("namespace"), e.getMessage());
  }

  @Test
  void updateWithEmptyIdAndNoNamespaceFailsWithEitherReferenceKind() {
    // v1.7.0 checks the namespace first (FailedPrecondition), HEAD the id (InvalidArgument).
    StoreException e = assertThrows(StoreException.class,
        () -> store().update(Context.empty(), Container.builder().id("").build(), "image"));
    assertTrue(e.kind() == ErrorKind.FAILED_PRECONDITION || e.kind() == ErrorKind.INVALID_ARGUMENT,
        e.kind()::toString);
  }

  @Test
  void longestAndSeparatedNamespacesAreValid() {
    String base = newNamespace().replace("-", "");
    String longest = (base + base + base).substring(0, 76);
    String separated = "a." + base.substring(0, 8) + "_" + base.substring(8, 16) + "-z";
    for (String ns : List.of(longest, separated)) {
      Context c = Context.withNamespace(ns);
      store().create(c, container("x").build());
      assertEquals(List.of("x"), ids(store().list(c)));
      store().delete(c, "x");
    }
  }

  @Test
  void namespacesAreIsolated() {
    Context other = Context.withNamespace(newNamespace());
    store().create(other, container("theirs").label("k", "v").build());
    create(container("mine"));
    assertEquals(List.of("mine"), ids(list()));
    assertEquals(List.of("mine"), ids(list("labels.k==v", "")));
    assertAbsent("theirs");
    assertNotFound(() -> update(container("theirs").label("k", "w"), "labels.k"));
    assertNotFound(() -> delete("theirs"));
    assertEquals("v", store().get(other, "theirs").labels().get("k"));
  }

  @Test
  void namespacesAreCaseSensitive() {
    String base = newNamespace();
    Context lower = Context.withNamespace(base + "-ab");
    Context upper = Context.withNamespace(base + "-AB");
    store().create(lower, container("x").image("lower").build());
    assertNotFound(() -> store().get(upper, "x"));
    store().create(upper, container("x").image("upper").build());
    assertEquals("lower", store().get(lower, "x").image());
    assertEquals("upper", store().get(upper, "x").image());
  }

  @Test
  void unusedNamespaceBehavesAsEmpty() {
    assertEquals(List.of(), list());
    assertAbsent("x");
    assertNotFound(() -> update(container("x"), "image"));
    assertNotFound(() -> delete("x"));
  }

  @Test
  void sameIdsInManyNamespacesStayApartOnEveryPath() {
    List<Context> namespaces = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Context c = Context.withNamespace(newNamespace());
      namespaces.add(c);
      for (String id : List.of("a", "shared", "z")) {
        store().create(c, container(id).image(c.namespace()).label("ns", c.namespace()).build());
      }
    }
    store().update(namespaces.get(3), container("shared").label("touched", "1").build(),
        "labels.touched");
    store().delete(namespaces.get(5), "a");
    for (int i = 0; i < namespaces.size(); i++) {
      Context c = namespaces.get(i);
      String ns = c.namespace();
      assertEquals(ns, store().get(c, "shared").image(), "get");
      assertEquals(i == 3, store().get(c, "shared").labels().containsKey("touched"));
      List<String> expected = i == 5 ? List.of("shared", "z") : List.of("a", "shared", "z");
      assertEquals(expected, ids(store().list(c)));
      assertEquals(expected, ids(store().list(c, "labels.ns==" + ns)));
      assertEquals(List.of("shared"), ids(store().list(c, "id==shared")));
      store().list(c).forEach(x -> assertEquals(ns, x.image()));
      if (supports(Feature.STREAM)) {
        try (Stream<Container> st = store().stream(c)) {
          assertEquals(store().list(c), st.toList(), "stream");
        }
        try (Stream<Container> st = store().stream(c, "id==shared")) {
          assertEquals(List.of(store().get(c, "shared")), st.toList(), "filtered stream");
        }
      }
    }
  }
}
