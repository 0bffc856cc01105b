package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.any;
import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.fullContainer;
import static dev.ctrstore.conformance.Fixtures.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ctrstore.Container;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values handed out by the store cannot change what it holds (issue: returns copies). */
public abstract class ReturnedValueContract extends Contract {
  protected ReturnedValueContract(StoreConformanceTest kit) {
    super(kit);
  }

  @Test
  void mapsOfReturnedContainersAreUnmodifiable() {
    Container created = create(fullContainer("c"));
    Container updated = update(container("c").label("n", "1"), "labels.n");
    for (Container c : List.of(created, get("c"), list().get(0), updated)) {
      assertThrows(UnsupportedOperationException.class, () -> c.labels().put("x", "y"));
      assertThrows(UnsupportedOperationException.class, () -> c.labels().clear());
      assertThrows(UnsupportedOperationException.class,
          () -> c.extensions().put("x", any("t", "v")));
      assertThrows(UnsupportedOperationException.class, () -> c.extensions().clear());
    }
    assertEquals(updated, get("c"));
  }

  @Test
  void changingABuilderOfAReturnedContainerChangesNothingStored() {
    Container created = create(fullContainer("c"));
    Container.Builder b = created.toBuilder().label("env", "changed").removeLabel("app/name")
        .removeExtension("ext1").image("changed").sandboxId("changed");
    b.build();
    get("c").toBuilder().labels(null).extensions(null).build();
    list().get(0).toBuilder().label("x", "y").build();
    assertEquals(created, get("c"));
  }

  @Test
  void changingTheReturnedListChangesNothingStored() {
    create(container("a"));
    create(container("b"));
    List<Container> listed = list();
    try {
      listed.clear();
    } catch (UnsupportedOperationException ignored) {
      // an unmodifiable list is fine too
    }
    assertEquals(List.of("a", "b"), ids(list()));
  }
}
