package dev.ctrstore.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.StoreProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Backend discovery through {@link Stores} (independent of the backend under test). */
public abstract class DiscoveryContract extends Contract {
  protected DiscoveryContract(StoreConformanceTest kit) {
    super(kit);
  }

  private ClassLoader loader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : Stores.class.getClassLoader();
  }

  private void assumeNoBackendOverride() {
    assumeTrue(System.getProperty(Stores.BACKEND) == null && System.getenv("CTRSTORE_BACKEND") == null,
        "ctrstore.backend is set in the system properties or environment and would override");
  }

  @Test
  void availableNamesAreUniqueAndNotBlank() {
    Set<String> names = Stores.available();
    for (String n : names) {
      assertNotNull(n);
      assertFalse(n.isBlank(), "blank backend name");
    }
    Map<String, Set<String>> classesByName = new HashMap<>();
    for (StoreProvider p : ServiceLoader.load(StoreProvider.class, loader())) {
      classesByName.computeIfAbsent(p.name(), k -> new java.util.HashSet<>())
          .add(p.getClass().getName());
    }
    assertEquals(classesByName.keySet(), names);
    classesByName.forEach((name, classes) ->
        assertEquals(1, classes.size(), () -> "backend name " + name + " used by " + classes));
  }

  @Test
  void unknownBackendFailsListingTheAvailableOnes() {
    assumeNoBackendOverride();
    Properties p = new Properties();
    p.setProperty(Stores.BACKEND, "no-such-backend");
    InvalidArgumentException e = assertInvalid(() -> Stores.open(p).close());
    assertTrue(e.getMessage().contains("no-such-backend"), e.getMessage());
    for (String name : Stores.available()) {
      assertTrue(e.getMessage().contains(name), () -> name + " missing from: " + e.getMessage());
    }
  }

  @Test
  void unknownKeyFailsListingTheKnownKeys() {
    Properties p = new Properties();
    p.setProperty("ctrstore.no-such-key", "1");
    InvalidArgumentException e = assertInvalid(() -> Stores.open(p).close());
    assertTrue(e.getMessage().contains("ctrstore.no-such-key"), e.getMessage());
    assertTrue(e.getMessage().contains(Stores.BACKEND), e.getMessage());
  }
}
