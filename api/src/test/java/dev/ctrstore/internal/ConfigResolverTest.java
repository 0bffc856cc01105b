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
  void aMisspeltEnvironmentVariableFailsNamingTheNearestOne() {
    var e = assertThrows(InvalidArgumentException.class,
        () -> open(Map.of("CTRSTORE_FAKE_ULR", "jdbc:mysql://db/x")));
    assertTrue(e.getMessage().startsWith("environment variable CTRSTORE_FAKE_ULR is not a ctrstore"
        + " setting (did you mean CTRSTORE_FAKE_URL?)"), e.getMessage());
    // The same misspelling as a file key fails the same way.
    file.setProperty("ctrstore.fake.ulr", "x");
    var f = assertThrows(InvalidArgumentException.class, () -> open(Map.of()));
    assertTrue(f.getMessage().startsWith("unknown configuration key \"ctrstore.fake.ulr\" (did you"
        + " mean \"ctrstore.fake.url\"?)"), f.getMessage());
  }

  @Test
  void anyUnknownVariableInABackendsSectionFails() {
    var e = assertThrows(InvalidArgumentException.class,
        () -> open(Map.of("CTRSTORE_FAKE_CONNECTION_STRING", "x")));
    assertTrue(e.getMessage().contains("CTRSTORE_FAKE_CONNECTION_STRING is not a ctrstore setting;"
        + " known variables: CTRSTORE_BACKEND, CTRSTORE_CONFIG, CTRSTORE_FAKE_PASSWORD,"
        + " CTRSTORE_FAKE_URL"), e.getMessage());
    var near = assertThrows(InvalidArgumentException.class,
        () -> open(Map.of("CTRSTORE_BAKEND", "fake")));
    assertTrue(near.getMessage().contains("(did you mean CTRSTORE_BACKEND?)"), near.getMessage());
  }

  @Test
  void prefixKeysCannotComeFromTheEnvironmentAndSaySo() {
    var e = assertThrows(InvalidArgumentException.class,
        () -> open(Map.of("CTRSTORE_FAKE_POOL_MAXIMUMPOOLSIZE", "4")));
    assertTrue(e.getMessage().contains("keys under ctrstore.fake.pool. cannot be set from the"
        + " environment"), e.getMessage());
  }

  @Test
  void otherProgramsVariablesAreLeftAlone() {
    file.setProperty("ctrstore.fake.url", "from-file");
    assertEquals("from-file", open(Map.of("CTRSTORE_NAMESPACE", "ns",
        "CTRSTORE_TEST_MYSQL_URL", "jdbc:mysql://x/y", "CTRSTORE_REQUIRE_MYSQL", "true",
        "CTRSTORE_GALERA_INSTANCE", "0", "PATH", "/bin")));
  }

  @Test
  void aKeyOfABackendNotOnTheClassPathNamesThatBackend() {
    file.setProperty("ctrstore.protofile.dir", "/tmp/x");
    var e = assertThrows(InvalidArgumentException.class, () -> open(Map.of()));
    assertEquals("configuration key \"ctrstore.protofile.dir\" is for backend \"protofile\", which"
        + " is not on the class path (backends on the class path: fake); add its jar, or remove the"
        + " ctrstore.protofile.* keys", e.getMessage());
  }

  @Test
  void openingLogsOneInfoLineSayingWhatWasOpened() {
    CapturedLogs.clear();
    file.setProperty("ctrstore.fake.password", "hunter2");
    ConfigResolver.open(file, system, Map.of(), cl);
    var infos = CapturedLogs.events().stream()
        .filter(e -> e.level().toInt() >= org.slf4j.event.Level.INFO.toInt()).toList();
    assertEquals(1, infos.size(), infos.toString());
    assertEquals("dev.ctrstore.Stores", infos.get(0).logger());
    assertEquals("ctrstore: opened backend fake, database other", infos.get(0).message());
  }

  @Test
  void theOpenLineNamesDatabaseLocationAndSchema() {
    Store store = StandardStore.over(FakeProvider.nullStorage(), "x");
    assertEquals("backend x, database other", ConfigResolver.describe(store));
    Store described = new Store() {
      @Override public dev.ctrstore.StoreInfo info() {
        return dev.ctrstore.StoreInfo.of("jdbc", "mariadb", "ctr", "jdbc:mysql://h/ctr?password=****", "3");
      }
      @Override public Container get(Context ctx, String id) { throw new AssertionError(); }
      @Override public java.util.List<Container> list(Context ctx, String... f) { throw new AssertionError(); }
      @Override public Container create(Context ctx, Container c) { throw new AssertionError(); }
      @Override public Container update(Context ctx, Container c, String... p) { throw new AssertionError(); }
      @Override public void delete(Context ctx, String id) { throw new AssertionError(); }
      @Override public void close() {}
    };
    assertEquals("backend jdbc, database mariadb \"ctr\" at jdbc:mysql://h/ctr?password=****,"
        + " schema version 3", ConfigResolver.describe(described));
  }

  @Test
  void envNames() {
    assertEquals("CTRSTORE_JDBC_URL", ConfigResolver.envName("ctrstore.jdbc.url"));
  }
}
