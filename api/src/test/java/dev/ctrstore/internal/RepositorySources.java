package dev.ctrstore.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository's sources as the architecture tests read them: the modules of the parent pom,
 * their Java files and main packages, and Java text without comments or string literals. Found
 * from {@code api}'s working directory, as Maven runs the tests.
 */
final class RepositorySources {
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
      "/\\*.*?\\*/|//[^\\n]*|\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'",
      Pattern.DOTALL);

  private RepositorySources() {}

  /** The repository root: the nearest directory upwards whose pom lists {@code api} as a module. */
  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path pom = p.resolve("pom.xml");
      if (Files.isRegularFile(pom) && modules(p).contains("api")) {
        return p;
      }
    }
    throw new AssertionError("no parent pom listing the api module above "
        + Path.of("").toAbsolutePath());
  }

  /** The modules {@code dir}'s pom lists, in order. */
  static List<String> modules(Path dir) {
    String pom = read(dir.resolve("pom.xml"));
    List<String> out = new ArrayList<>();
    Matcher m = MODULE.matcher(pom);
    while (m.find()) {
      out.add(m.group(1).trim());
    }
    return out;
  }

  /** Every Java file under {@code dir} (none when it does not exist). */
  static List<Path> javaFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directories under a {@code src/main/java} that hold Java classes: its packages. */
  static List<Path> packageDirs(Path mainJava) {
    TreeSet<Path> dirs = new TreeSet<>();
    for (Path f : javaFiles(mainJava)) {
      if (!f.getFileName().toString().equals("package-info.java")) {
        dirs.add(f.getParent());
      }
    }
    return List.copyOf(dirs);
  }

  /** {@code file}'s text with comments, string, text-block and char literals blanked out. */
  static String code(Path file) {
    return COMMENTS_AND_STRINGS.matcher(read(file)).replaceAll(" ");
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
