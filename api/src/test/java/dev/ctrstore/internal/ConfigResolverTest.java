package dev.ctrstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.Store;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configuration precedence and fail-fast checks, with the sources supplied directly. */
class ConfigResolverTest {
  private final ClassLoader cl = getClass().getClassLoader();
  private final Properties file = new Properties();
  private final Properties system = new Properties();

  @BeforeEach
  void reset() {
    FakeProvider.lastConfig = null;
  }

  private String open(Map<String, String> env) {
    ConfigResolver.open(file, system, env, cl);
    return FakeProvider.lastConfig.get("ctrstore.fake.url").orElse(null);
  }

  @Test
  void theOnlyProviderIsChosenWhenNoneIsNamed() {
    file.setProperty("ctrstore.fake.url", "from-file");
    assertEquals("from-file", open(Map.of()));
  }

  @Test
  void environmentBeatsFileAndSystemPropertyBeatsBoth() {
    file.setProperty("ctrstore.fake.url", "from-file");
    assertEquals("from-env", open(Map.of("CTRSTORE_FAKE_URL", "from-env")));
    system.setProperty("ctrstore.fake.url", "from-system");
    assertEquals("from-system", open(Map.of("CTRSTORE_FAKE_URL", "from-env")));
  }

  @Test
  void backendNamedThroughEnvironment() {
    var e = assertThrows(InvalidArgumentException.class,
        () -> open(Map.of("CTRSTORE_BACKEND", "nope")));
    assertTrue(e.getMessage().contains("unknown backend \"nope\"; available: fake"), e.getMessage());
  }

  @Test
  void unknownKeyFailsListingTheKnownOnes() {
    file.setProperty("ctrstore.fake.ulr", "typo");
    var e = assertThrows(InvalidArgumentException.class, () -> open(Map.of()));
    assertTrue(e.getMessage().contains("unknown configuration key \"ctrstore.fake.ulr\""));
    assertTrue(e.getMessage().contains("ctrstore.fake.url"), e.getMessage());
  }

  @Test
  void prefixKeysAcceptEverythingBelowThem() {
    file.setProperty("ctrstore.fake.pool.maximumPoolSize", "4");
    open(Map.of());
    assertEquals(Map.of("maximumPoolSize", "4"), FakeProvider.lastConfig.withPrefix("ctrstore.fake.pool."));
  }

  @Test
  void keysOutsideTheNamespaceAreIgnored() {
    file.setProperty("something.else", "x");
    system.setProperty("user.name", "x");
    open(Map.of());
    assertEquals(0, FakeProvider.lastConfig.keys().size());
  }

  @Test
  void secretsAreMasked() {
    file.setProperty("ctrstore.fake.password", "hunter2");
    open(Map.of());
    assertFalse(FakeProvider.lastConfig.toString().contains("hunter2"));
    assertEquals("hunter2", FakeProvider.lastConfig.get("ctrstore.fake.password").orElseThrow());
  }

  @Test
  void inlinePasswordsInUrlsAreMasked() {
    file.setProperty("ctrstore.fake.url", "jdbc:mysql://h/db?user=u&password=hunter2&x=1");
    open(Map.of());
    String shown = FakeProvider.lastConfig.toString();
    assertFalse(shown.contains("hunter2"), shown);
    assertTrue(shown.contains("password=****&x=1"), shown);
  }

  @Test
  void emptyClassPathSaysWhatToAdd() {
    ClassLoader empty = new ClassLoader(null) {};
    var e = assertThrows(InvalidArgumentException.class,
        () -> ConfigResolver.open(file, system, Map.of(), empty));
    assertTrue(e.getMessage().contains("ctrstore-spi-memory"), e.getMessage());
  }

  @Test
  void theEngineStandsBetweenCallerAndProviderStorage() {
    Store store = ConfigResolver.open(file, system, Map.of(), cl);
    // The fake storage answers every call with null; the engine refuses before reaching it.
    assertThrows(FailedPreconditionException.class, () -> store.get(Context.empty(), "x"));
    assertThrows(InvalidArgumentException.class,
        () -> store.create(Context.withNamespace("ns"), Container.builder().build()));
  }

  @Test
  void envNames() {
    assertEquals("CTRSTORE_JDBC_URL", ConfigResolver.envName("ctrstore.jdbc.url"));
  }
}
