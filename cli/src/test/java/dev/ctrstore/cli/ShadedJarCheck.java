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
    assertTrue(Files.exists(dir.resolve("db.mv.db")));
  }

  /** Runs {@code java [jvmOption] -jar ctrstore-cli.jar args…}; returns stdout's lines, exit 0. */
  private List<String> run(String jvmOption, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), jvmOption,
        "-jar", JAR.toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ctrstore " + String.join(" ", args) + " hung");
    assertEquals(0, p.exitValue(), "ctrstore " + String.join(" ", args) + ": " + Files.readString(err));
    return Files.readAllLines(out);
  }
}
