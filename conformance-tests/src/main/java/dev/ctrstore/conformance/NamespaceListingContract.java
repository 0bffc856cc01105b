package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.assertError;
import static dev.ctrstore.conformance.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.UnimplementedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Listing namespaces ({@link Feature#NAMESPACES}, {@code Store.namespaces}), what bulk moves of
 * every namespace read: the namespaces holding at least one container, each once, in byte order.
 * The database may hold other users' namespaces, so the checks look only at their own. A backend
 * that opts out must say so with {@code UNIMPLEMENTED}, never answer wrongly.
 */
public abstract class NamespaceListingContract extends Contract {
  protected NamespaceListingContract(StoreConformanceTest kit) {
    super(kit);
  }

  @Test
  void aNamespaceIsListedWhileItHoldsAContainer() {
    if (!supports(Feature.NAMESPACES)) {
      assertError(UnimplementedException.class, ErrorKind.UNIMPLEMENTED,
          () -> store().namespaces(Context.empty()));
      return;
    }
    String ns = context().namespace();
    assertFalse(store().namespaces(Context.empty()).contains(ns), "a namespace never written");
    create(container("a"));
    create(container("b"));
    assertEquals(1, count(store().namespaces(Context.empty()), ns), "listed once");
    delete("a");
    assertTrue(store().namespaces(context()).contains(ns), "still holds b");
    delete("b");
    assertFalse(store().namespaces(Context.empty()).contains(ns),
        "a namespace whose last container was deleted holds nothing to move");
  }

  @Test
  void namespacesAreInByteOrderWithoutDuplicates() {
    assumeSupported(Feature.NAMESPACES);
    // Byte order: '-' (0x2d) < '.' (0x2e) < digits < upper case < '_' (0x5f) < lower case; a
    // case-insensitive or collation-aware order gets these wrong (or merges "B" and "b").
    String base = context().namespace();
    List<String> mine = List.of(base + "-a", base + ".a", base + "0", base + "B", base + "_a",
        base + "b");
    for (String ns : List.of(mine.get(5), mine.get(3), mine.get(1), mine.get(4), mine.get(0),
        mine.get(2))) {
      store().create(Context.withNamespace(ns), container("x").build());
    }
    List<String> all = store().namespaces(Context.empty());
    for (int i = 1; i < all.size(); i++) {
      byte[] a = all.get(i - 1).getBytes(StandardCharsets.UTF_8);
      byte[] b = all.get(i).getBytes(StandardCharsets.UTF_8);
      assertTrue(Arrays.compareUnsigned(a, b) < 0,
          () -> "not strictly in byte order: " + all);
    }
    assertEquals(mine, all.stream().filter(mine::contains).toList());
  }

  private static long count(List<String> names, String ns) {
    return names.stream().filter(ns::equals).count();
  }
}
