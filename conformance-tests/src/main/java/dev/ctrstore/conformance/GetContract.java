package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.fullContainer;
import static dev.ctrstore.conformance.Fixtures.newNamespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Context;
import dev.ctrstore.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Get (docs/semantics.md §4): ids are not validated, anything missing is NotFound. */
public abstract class GetContract extends Contract {
  protected GetContract(StoreConformanceTest kit) {
    super(kit);
  }

  @Test
  void unknownIdIsNotFoundNamingIdAndNamespace() {
    create(container("present"));
    NotFoundException e = assertNotFound(() -> get("absent"));
    assertTrue(e.getMessage().contains("absent"), e.getMessage());
    assertTrue(e.getMessage().contains(context().namespace()), e.getMessage());
  }

  @Test
  void emptyIdIsNotFound() { // D-6
    create(container("present"));
    assertAbsent("");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad id", "-a", "a--b", "a/b", "ä", "abc\n"})
  void malformedIdIsNotFoundRatherThanInvalid(String id) {
    create(container("present"));
    assertAbsent(id);
  }

  @Test
  void overlongIdIsNotFound() {
    assertAbsent("y".repeat(77));
  }

  @Test
  void idDifferingInCaseIsNotFound() {
    create(container("web"));
    assertAbsent("WEB");
    assertAbsent("Web");
  }

  @Test
  void namespaceThatNeverHeldContainersIsNotFound() {
    assertAbsent("anything");
    assertAbsent("");
  }

  @Test
  void containerOfAnotherNamespaceIsNotFound() {
    store().create(Context.withNamespace(newNamespace()), container("elsewhere").build());
    assertAbsent("elsewhere");
  }

  @Test
  void returnsTheSameValueEveryTime() {
    create(fullContainer("c"));
    assertEquals(get("c"), get("c"));
  }
}
