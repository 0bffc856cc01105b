package dev.ctrstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar, {@code target/ctrstore-cli.jar}, as a user runs it: self-contained, with the
 * jdbc backend as its only backend (the examples' {@code protofile} backend must not ride along,
 * or {@code Stores.open()} would need configuration). Runs in the {@code verify} phase, after
 * the jar is built (see the pom).
 */
@Tag("shaded-jar")
class ShadedJarCheck {
  private static final Path JAR = Path.of("target", "ctrstore-cli.jar");
  private static final String SERVICES = "META-INF/services/dev.ctrstore.spi.StoreProvider";

  @TempDir Path dir;

  @Test
  void theJarCarriesTheJdbcBackendAndNoOther() throws IOException {
    assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " was not built");
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertEquals(Ctrstore.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
      List<String> foreign = jar.stream().map(e -> e.getName())
          .filter(n -> n.startsWith("com/example/") || n.contains("protofile")).toList();
      assertEquals(List.of(), foreign, "the example backend is not part of the CLI");
      try (InputStream in = jar.getInputStream(jar.getEntry(SERVICES))) {
        List<String> providers = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
            .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals(List.of("dev.ctrstore.jdbc.JdbcStoreProvider"), providers);
      }
    }
  }

  @Test
  void theJarRunsOnItsOwnWithNoConfiguration() throws Exception {
    String url = "-Dctrstore.jdbc.url=jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0";
    run(url, "-n", "shaded", "create", "docker.io/library/busybox:1", "one");
    assertEquals(List.of("one"), run(url, "-n", "shaded", "ls", "-q"));
    assertTrue(Files.exists(dir.resolve("db.mv.db")), "H2 is in the jar too");
  }

  /**
   * {@code bin/ctrstore}, the launcher a user puts on PATH, run from another directory through a
   * symbolic link: it finds the jar next to the script's repository, and the first open of a
   * fresh store prints nothing on stderr (no SLF4J notice, no Flyway or HikariCP lines).
   */
  @Test
  void theLauncherScriptRunsTheJarFromAnyDirectory() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("ctrstore"),
        Path.of("..", "bin", "ctrstore").toAbsolutePath().normalize());

    List<String> version = command(List.of(link.toString(), "-V"));
    assertTrue(version.get(0).matches("ctrstore \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), version.toString());
    assertEquals("store: backend jdbc, jdbc:sqlite:" + dir.toRealPath() + "/ctrstore-data/ctrstore.db"
        + " (the default: embedded SQLite under the working directory)", version.get(1));

    assertEquals(List.of("CONTAINER    IMAGE    RUNTIME"), command(List.of(link.toString(), "ls")));
    assertTrue(Files.exists(dir.resolve("ctrstore-data").resolve("ctrstore.db")));
    Files.delete(link); // by hand: JUnit warns when it deletes a link leading out of @TempDir
  }

  /**
   * What a script does: four {@code ctrstore create} commands started together on the default
   * store, each its own JVM. The embedded default must let all four in (H2, the default before,
   * refused three with "Database may be already in use") and keep every create.
   */
  @Test
  void fourCommandsInParallelOnTheDefaultStoreAllSucceed() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> started = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      started.add(new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString(), "-n", "par",
          "create", "docker.io/library/busybox:1", "c" + i).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("out" + i + ".txt").toFile())
          .start());
    }
    for (int i = 0; i < 4; i++) {
      Process p = started.get(i);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "create c" + i + " hung");
      assertEquals(0, p.exitValue(), "create c" + i + ": "
          + Files.readString(dir.resolve("out" + i + ".txt")));
    }
    assertEquals(List.of("c0", "c1", "c2", "c3"),
        command(List.of(java, "-jar", JAR.toAbsolutePath().toString(), "-n", "par", "ls", "-q")));
  }

  /** Runs {@code java [jvmOption] -jar ctrstore-cli.jar args…}; returns stdout's lines, exit 0. */
  private List<String> run(String jvmOption, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), jvmOption,
        "-jar", JAR.toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    return command(cmd);
  }

  /** Runs {@code cmd} in {@link #dir}; returns stdout's lines after checking exit 0, empty stderr. */
  private List<String> command(List<String> cmd) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + Files.readString(err));
    assertEquals("", Files.readString(err), String.join(" ", cmd) + " printed on stderr");
    return Files.readAllLines(out);
  }
}
