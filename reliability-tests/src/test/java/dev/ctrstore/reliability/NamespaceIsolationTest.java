package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.AlreadyExistsException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No operation in one namespace reads, lists, changes or deletes a container of another: not by
 * id, not through any filter, not with namespaces that differ only in case, by a LIKE wildcard
 * ({@code _}), by a prefix, or in trailing characters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceIsolationTest {
  Backends backends;

  @BeforeAll
  void open() {
    backends = new Backends();
  }

  @AfterAll
  void close() {
    if (backends != null) {
      backends.close();
    }
  }

  Stream<String> backendNames() {
    return backends.names().stream();
  }

  static final List<String> FILTERS = List.of("", "id==shared", "id~=\".*\"", "id!=nothing",
      "labels.v", "labels.v==victim", "labels.v!=attacker", "image~=\".\"", "image",
      "runtime.name==" + Rel.RUNTIME, "snapshotter==overlayfs", "labels.a~=^a-",
      "labels.v==victim,id==shared", "labels.v==attacker");

  @ParameterizedTest
  @MethodSource("backendNames")
  void noOperationCrossesANamespace(String backend) {
    Store store = backends.get(backend);
    String base = "iso" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    // Look-alike namespaces: case, LIKE wildcard, prefix/extension, separators.
    List<String> lookAlikes = List.of(base + "_x", base + "ax", base + "AX", base + "_X",
        base, base + "a", base + ".x", base + "-x", base.toUpperCase());
    String attacker = base + "_x";
    // Every other namespace holds a victim container with the same ids the attacker uses.
    for (String ns : lookAlikes) {
      if (!ns.equals(attacker)) {
        store.create(Rel.ctx(ns), Rel.tokened("shared", "victim"));
        store.create(Rel.ctx(ns), Rel.tokened("only-" + lookAlikes.indexOf(ns), "victim"));
      }
    }
    List<List<Container>> before = lookAlikes.stream().filter(n -> !n.equals(attacker))
        .map(n -> store.list(Rel.ctx(n))).toList();
    Context a = Rel.ctx(attacker);

    // Reads and lists in the empty attacker namespace see nothing.
    assertThrows(NotFoundException.class, () -> store.get(a, "shared"));
    for (String f : FILTERS) {
      assertEquals(List.of(), store.list(a, f), "filter " + f);
      try (var s = store.stream(a, f)) {
        assertEquals(0, s.count(), "stream " + f);
      }
    }
    // Writes of the victims' ids fail as if they did not exist.
    assertThrows(NotFoundException.class, () -> store.update(a, Rel.tokened("shared", "attacker")));
    assertThrows(NotFoundException.class, () -> store.update(a, Rel.tokened("shared", "attacker"), "labels"));
    assertThrows(NotFoundException.class, () -> store.delete(a, "shared"));
    // Creating the same id in the attacker namespace is its own container.
    Container own = store.create(a, Rel.tokened("shared", "attacker"));
    assertThrows(AlreadyExistsException.class, () -> store.create(a, Rel.tokened("shared", "again")));
    store.update(a, Rel.tokened("shared", "attacker2"));
    for (String f : FILTERS) {
      for (Container c : store.list(a, f)) {
        assertEquals("shared", c.id(), "filter " + f + " in the attacker namespace");
        assertEquals("attacker2", Rel.tokenOf(c));
      }
    }
    store.delete(a, "shared");
    assertEquals(List.of(), store.list(a));
    assertTrue(own.createdAt() != null);

    // Namespaces that are not identifiers (SQL, wildcards) are refused, never matched.
    for (String bad : List.of(base + "%", "%", "_", base + "'", base + " ", "*", base + "\u0000")) {
      assertThrows(InvalidArgumentException.class, () -> store.list(Rel.ctx(bad)), bad);
      assertThrows(InvalidArgumentException.class, () -> store.get(Rel.ctx(bad), "shared"), bad);
      assertThrows(InvalidArgumentException.class, () -> store.delete(Rel.ctx(bad), "shared"), bad);
    }

    List<List<Container>> after = lookAlikes.stream().filter(n -> !n.equals(attacker))
        .map(n -> store.list(Rel.ctx(n))).toList();
    assertEquals(before, after, "every other namespace is exactly as it was");
    for (List<Container> l : after) {
      assertEquals(2, l.size());
      l.forEach(c -> assertEquals("victim", Rel.tokenOf(c)));
    }
  }
}
