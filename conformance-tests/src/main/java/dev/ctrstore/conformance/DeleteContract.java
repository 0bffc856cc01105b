package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.fullContainer;
import static dev.ctrstore.conformance.Fixtures.ids;
import static dev.ctrstore.conformance.Fixtures.newNamespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.NotFoundException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delete (docs/semantics.md §5, decision D-6). */
public abstract class DeleteContract extends Contract {
  protected DeleteContract(StoreConformanceTest kit) {
    super(kit);
  }

  @Test
  void removesTheContainer() {
    create(container("c"));
    delete("c");
    assertAbsent("c");
    assertEquals(List.of(), list());
  }

  @Test
  void deletingTwiceIsNotFound() {
    create(container("c"));
    delete("c");
    NotFoundException e = assertNotFound(() -> delete("c"));
    assertTrue(e.getMessage().contains("c"), e.getMessage());
  }

  @Test
  void unknownOrMalformedIdIsNotFound() {
    create(container("present"));
    assertNotFound(() -> delete("absent"));
    assertNotFound(() -> delete("bad id"));
    assertNotFound(() -> delete("PRESENT"));
    assertEquals(List.of("present"), ids(list()));
  }

  @Test
  void emptyIdIsNotFound() { // D-6
    create(container("present"));
    assertNotFound(() -> delete(""));
  }

  @Test
  void emptyIdInAnEmptiedNamespaceIsNotFound() { // D-6 (containerd: kindless error, Q-5)
    create(container("gone"));
    delete("gone");
    assertNotFound(() -> delete(""));
  }

  @Test
  void namespaceThatNeverHeldContainersIsNotFound() {
    assertNotFound(() -> delete("anything"));
    assertNotFound(() -> delete(""));
  }

  @Test
  void leavesOtherContainersAndNamespacesAlone() {
    Context other = Context.withNamespace(newNamespace());
    create(container("a"));
    create(container("b"));
    store().create(other, container("a").build());
    delete("a");
    assertEquals(List.of("b"), ids(list()));
    assertEquals(List.of("a"), ids(store().list(other)));
  }

  @Test
  void aDeletedIdCanBeCreatedAgainFromScratch() {
    Container first = create(fullContainer("c"));
    delete("c");
    Container second = create(container("c"));
    assertEquals(Map.of(), second.labels());
    assertEquals(Map.of(), second.extensions());
    assertEquals(second, get("c"));
    assertFalse(second.createdAt().isBefore(first.createdAt()));
  }
}
