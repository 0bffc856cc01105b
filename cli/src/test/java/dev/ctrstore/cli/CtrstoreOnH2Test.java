package dev.ctrstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as shipped: the standard opener, a store opened and closed by every invocation,
 * and an H2 database file that must keep what one command wrote for the next.
 */
class CtrstoreOnH2Test {
  @TempDir Path dir;

  @Test
  void stateCarriesFromOneInvocationToTheNextThroughAConfigFile() throws Exception {
    Path config = dir.resolve("ctrstore.properties");
    Files.writeString(config, "ctrstore.backend=jdbc\n"
        + "ctrstore.jdbc.url=jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0\n");
    CliHarness cli = new CliHarness(StoreOpener.standard());
    String cfg = "--config=" + config;

    assertEquals(0, cli.run(cfg, "create", "-l", "env=prod", "docker.io/library/redis:7", "db-1").exit());
    assertEquals(0, cli.run(cfg, "create", "docker.io/library/nginx:1.27", "web-1").exit());
    assertEquals(List.of("env=prod", "tier=db"), cli.run(cfg, "label", "db-1", "tier=db").outLines());
    assertEquals(0, cli.run(cfg, "update", "web-1", "--image", "docker.io/library/nginx:1.28").exit());
    assertEquals(0, cli.run(cfg, "rm", "db-1").exit());

    CliHarness.Result ls = cli.run(cfg, "ls");
    assertEquals(List.of(
        "CONTAINER    IMAGE                           RUNTIME",
        "web-1        docker.io/library/nginx:1.28    io.containerd.runc.v2"), ls.outLines());
    assertTrue(Files.exists(dir.resolve("db.mv.db")));
  }

  @Test
  void withNoConfigurationTheJdbcBackendIsChosenAmongSeveral() {
    // Several backends are on this class path (jdbc, memory); with none named, the
    // CLI picks jdbc. Its URL is pointed at a temporary directory so no test data lands in the
    // working directory.
    String key = "ctrstore.jdbc.url";
    System.setProperty(key, "jdbc:h2:file:" + dir.resolve("default") + ";WRITE_DELAY=0");
    try {
      CliHarness cli = new CliHarness(StoreOpener.standard());
      assertEquals(0, cli.run("-n", "cli-test", "create", "busybox", "one").exit());
      assertEquals(List.of("one"), cli.run("-n", "cli-test", "ls", "-q").outLines());
      assertTrue(Files.exists(dir.resolve("default.mv.db")));
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void configurationErrorsAreOneLineAndExitOne() {
    CliHarness cli = new CliHarness(StoreOpener.standard());
    Path missing = dir.resolve("missing.properties");

    CliHarness.Result r = cli.run("--config", missing.toString(), "ls");

    assertEquals(1, r.exit());
    assertEquals(List.of("ctrstore: config file " + missing + " does not exist"), r.errLines());
  }

  @Test
  void anUnknownBackendIsNamedWithTheAvailableOnes() throws Exception {
    Path config = dir.resolve("bad.properties");
    Files.writeString(config, "ctrstore.backend=postgres\n");
    CliHarness cli = new CliHarness(StoreOpener.standard());

    CliHarness.Result r = cli.run("--config", config.toString(), "ls");

    assertEquals(1, r.exit());
    assertEquals(List.of("ctrstore: ctrstore.backend: unknown backend \"postgres\"; available:"
        + " jdbc, memory"), r.errLines());
  }
}
