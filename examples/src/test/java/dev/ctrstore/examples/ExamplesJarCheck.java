package dev.ctrstore.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party backend example as {@code examples/README.md} tells a user to run it, against
 * the jar built at package time (so in {@code verify}; see the pom): the self-contained jar alone
 * does not carry the example backend and says so, and the documented command, which adds the
 * module's classes, works.
 */
@Tag("examples-jar")
class ExamplesJarCheck {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final String PROTOFILE_COMMAND = "java -cp"
      + " examples/target/ctrstore-examples.jar:examples/target/classes"
      + " dev.ctrstore.examples.ConfiguredStore examples/config/protofile.properties";

  @TempDir Path repo;

  record Run(int exit, List<String> out, List<String> err) {}

  @Test
  void theReadmeGivesACommandThatRunsTheProtofileExample() throws Exception {
    String readme = Files.readString(MODULE.resolve("README.md"));
    assertTrue(readme.contains(PROTOFILE_COMMAND), "examples/README.md gives: " + PROTOFILE_COMMAND);

    Run run = run(List.of(PROTOFILE_COMMAND.split(" ")));

    assertEquals(0, run.exit(), run.err().toString());
    assertEquals(List.of("round trip ok: created, read back identical and deleted container probe"),
        run.out());
    assertTrue(Files.isDirectory(repo.resolve("ctrstore-protofile")));
  }

  @Test
  void theJarAloneSaysTheProtofileBackendIsNotOnTheClassPath() throws Exception {
    Run run = run(List.of("java", "-cp", "examples/target/ctrstore-examples.jar",
        "dev.ctrstore.examples.ConfiguredStore", "examples/config/protofile.properties"));

    assertEquals(1, run.exit());
    assertEquals(List.of("examples/config/protofile.properties: INVALID_ARGUMENT: configuration key"
        + " \"ctrstore.protofile.dir\" is for backend \"protofile\", which is not on the class path"
        + " (backends on the class path: jdbc); add its jar, or remove the ctrstore.protofile.*"
        + " keys"), run.err());
  }

  /**
   * Runs {@code cmd} as from the top of the repository: {@link #repo} holds links named
   * {@code examples} (to this module), so relative paths resolve as in the README, and whatever
   * the command writes lands in the temporary directory.
   */
  private Run run(List<String> cmd) throws Exception {
    Path link = repo.resolve("examples");
    if (!Files.exists(link)) {
      Files.createSymbolicLink(link, MODULE);
    }
    List<String> full = new ArrayList<>(cmd);
    full.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path out = repo.resolve("out.txt");
    Path err = repo.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(full).directory(repo.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("CTRSTORE_"));
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
    try {
      return new Run(p.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
    } finally {
      Files.delete(link); // JUnit warns when it deletes a link leading out of @TempDir
    }
  }
}
