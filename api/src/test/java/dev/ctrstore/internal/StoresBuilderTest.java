package dev.ctrstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Context;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Stores#builder()}: where each value comes from, and what fails how. */
class StoresBuilderTest {
  private static final String URL = "ctrstore.fake.url";
  @TempDir Path dir;

  @BeforeEach
  void reset() {
    FakeProvider.lastConfig = null;
    OtherFakeProvider.lastConfig = null;
  }

  private static String url() {
    return FakeProvider.lastConfig.get(URL).orElse(null);
  }

  private Path file(String content) throws IOException {
    Path f = dir.resolve("ctrstore-" + content.hashCode() + ".properties");
    Files.writeString(f, content);
    return f;
  }

  @Test
  void eachSourceOverridesTheOneBelowIt() throws IOException {
    Stores.builder().defaults(Map.of(URL, "default")).properties(new Properties()).open();
    assertEquals("default", url());

    Path f = file(URL + "=file\n");
    Stores.builder().defaults(Map.of(URL, "default")).propertiesFile(f).open();
    assertEquals("file", url());

    Stores.builder().defaults(Map.of(URL, "default")).propertiesFile(f)
        .addPropertiesSupplier(() -> Map.of(URL, "first"))
        .addPropertiesSupplier(() -> Map.of(URL, "second")).open();
    assertEquals("second", url());

    System.setProperty(URL, "system");
    try {
      Stores.builder().propertiesFile(f).addPropertiesSupplier(() -> Map.of(URL, "supplied")).open();
      assertEquals("system", url());
    } finally {
      System.clearProperty(URL);
    }
  }

  @Test
  void aSupplierIsAskedAtEachOpenAndItsNullsAreUnset() {
    AtomicInteger calls = new AtomicInteger();
    Map<String, String> withNull = new HashMap<>();
    withNull.put(URL, null);
    Stores.Builder b = Stores.builder().properties(new Properties())
        .defaults(Map.of(URL, "default"))
        .addPropertiesSupplier(() -> Map.of(URL, "call-" + calls.incrementAndGet()))
        .addPropertiesSupplier(() -> withNull);
    b.open();
    assertEquals("call-1", url());
    b.open();
    assertEquals("call-2", url());
  }

  @Test
  void propertiesAndFileReplaceEachOther() throws IOException {
    Properties p = new Properties();
    p.setProperty(URL, "props");
    Path f = file(URL + "=file\n");
    Stores.builder().propertiesFile(f).properties(p).open();
    assertEquals("props", url());
    Stores.builder().properties(p).propertiesFile(f).open();
    assertEquals("file", url());
    // Properties are copied when given: a later change does not leak in.
    Stores.Builder b = Stores.builder().properties(p);
    p.setProperty(URL, "changed");
    b.open();
    assertEquals("props", url());
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("missing.properties");
    var e = assertThrows(InvalidArgumentException.class,
        () -> Stores.builder().propertiesFile(missing).open());
    assertEquals("config file " + missing + " does not exist", e.getMessage());
  }

  @Test
  void anUnknownKeyFromAnySourceFails() {
    var e = assertThrows(InvalidArgumentException.class, () -> Stores.builder()
        .properties(new Properties()).addPropertiesSupplier(() -> Map.of("ctrstore.fake.ulr", "x")).open());
    assertTrue(e.getMessage().contains("unknown configuration key \"ctrstore.fake.ulr\""), e.getMessage());
  }

  @Test
  void theClassLoaderDecidesWhichBackendsExist() {
    ClassLoader empty = new ClassLoader(null) {};
    var e = assertThrows(InvalidArgumentException.class,
        () -> Stores.builder().properties(new Properties()).classLoader(empty).open());
    assertTrue(e.getMessage().contains("no backend on the class path"), e.getMessage());
  }

  @Test
  void theDefaultBackendIsPreferredAmongSeveralButNeverOverridesAChoice() throws IOException {
    try (URLClassLoader two = withOtherProvider()) {
      var e = assertThrows(InvalidArgumentException.class,
          () -> Stores.builder().properties(new Properties()).classLoader(two).open());
      assertTrue(e.getMessage().contains("several backends are available: fake, other"), e.getMessage());

      Stores.builder().properties(new Properties()).classLoader(two).defaultBackend("other").open();
      assertNotNull(OtherFakeProvider.lastConfig);
      assertNull(FakeProvider.lastConfig);

      OtherFakeProvider.lastConfig = null;
      Properties named = new Properties();
      named.setProperty(Stores.BACKEND, "fake");
      Stores.builder().properties(named).classLoader(two).defaultBackend("other").open();
      assertNotNull(FakeProvider.lastConfig);
      assertNull(OtherFakeProvider.lastConfig);
    }
    // Absent from the class path, the default backend is ignored: the only one is used.
    reset();
    Stores.builder().properties(new Properties()).defaultBackend("other").open();
    assertNotNull(FakeProvider.lastConfig);
  }

  @Test
  void theStoreIsTheEngineOverTheProvidersStorage() {
    Store store = Stores.builder().properties(new Properties()).open();
    assertThrows(FailedPreconditionException.class, () -> store.get(Context.empty(), "x"));
  }

  @Test
  void nullArgumentsAreRefusedByName() {
    var e = assertThrows(InvalidArgumentException.class, () -> Stores.builder().propertiesFile(null));
    assertEquals("properties file must not be null", e.getMessage());
    assertThrows(InvalidArgumentException.class, () -> Stores.builder().classLoader(null));
    assertThrows(InvalidArgumentException.class, () -> Stores.builder().addPropertiesSupplier(null));
    assertThrows(InvalidArgumentException.class, () -> Stores.over(null));
  }

  /** The test class path plus a service file that also registers {@link OtherFakeProvider}. */
  private URLClassLoader withOtherProvider() throws IOException {
    Path services = dir.resolve("cp/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve("dev.ctrstore.spi.StoreProvider"),
        OtherFakeProvider.class.getName() + "\n");
    return new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void anObjectOptionReachesTheBackendUnderADeclaredKeyAndShowsAsItsClass() {
    Object registry = new StringBuilder("a registry");
    Stores.builder().properties(props("ctrstore.backend", "fake"))
        .option("ctrstore.fake.pool.metricRegistry", registry).open();
    assertEquals(registry, FakeProvider.lastConfig.object("ctrstore.fake.pool.metricRegistry").orElseThrow());
    assertEquals(Map.of("metricRegistry", registry),
        FakeProvider.lastConfig.objectsWithPrefix("ctrstore.fake.pool."));
    assertTrue(FakeProvider.lastConfig.toString()
        .contains("ctrstore.fake.pool.metricRegistry=<java.lang.StringBuilder>"),
        FakeProvider.lastConfig.toString());
    assertTrue(FakeProvider.lastConfig.object("ctrstore.fake.url").isEmpty(), "text keys are not objects");

    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Stores.builder()
        .properties(props("ctrstore.backend", "fake")).option("ctrstore.fake.registry", registry).open());
    assertTrue(e.getMessage().startsWith("unknown configuration key \"ctrstore.fake.registry\""),
        e.getMessage());
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }
}
