package dev.ctrstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The promise of {@code dev.ctrstore.internal}'s package doc, checked on the sources of every
 * module in the build: only {@code api} refers to the package, and every jar carries a module
 * name. Also what every package promises: a package doc, and {@code @NullMarked} nullness.
 * Reads the repository from {@code api}'s working directory, as Maven runs it.
 */
class ModuleBoundaryTest {
  private static final String INTERNAL = "dev.ctrstore.internal";
  private static final Pattern NULL_MARKED =
      Pattern.compile("@(?:org\\.jspecify\\.annotations\\.)?NullMarked\\s+package\\s");
  private static final Pattern MODULE_NAME = Pattern.compile("<ctrstore\\.module>([^<]*)</ctrstore\\.module>");

  @Test
  void onlyApiRefersToTheInternalPackage() {
    Path root = root();
    List<String> offenders = new ArrayList<>();
    int scanned = 0;
    for (String module : modules(root)) {
      if (module.equals("api")) {
        continue;
      }
      for (Path file : javaFiles(root.resolve(module))) {
        scanned++;
        if (refersToInternal(file)) {
          offenders.add(root.relativize(file).toString());
        }
      }
    }
    assertTrue(scanned > 50, "found only " + scanned + " Java files outside api; is " + root
        + " the repository?");
    assertEquals(List.of(), offenders, "only api may use " + INTERNAL + " (it is unsupported);"
        + " give what these files need a public home or a copy in their own module");
  }

  @Test
  void theScanSeesApiItselfUsingTheInternalPackage() {
    // Guards the scan: api's own Stores does use it, so a scan that finds nothing there is broken.
    assertTrue(refersToInternal(root().resolve("api/src/main/java/dev/ctrstore/Stores.java")));
  }

  @Test
  void everyMainPackageHasAPackageDocAndIsNullMarked() {
    Path root = root();
    List<String> offenders = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String module : modules(root)) {
      for (Path dir : RepositorySources.packageDirs(root.resolve(module).resolve("src/main/java"))) {
        String where = root.relativize(dir).toString();
        seen.add(where);
        Path info = dir.resolve("package-info.java");
        if (!Files.isRegularFile(info)) {
          offenders.add(where + ": no package-info.java");
          continue;
        }
        String text = RepositorySources.read(info);
        if (!text.stripLeading().startsWith("/**")) {
          offenders.add(where + ": package-info.java has no package doc before the package");
        }
        if (!NULL_MARKED.matcher(RepositorySources.code(info)).find()) {
          offenders.add(where + ": the package is not @NullMarked");
        }
      }
    }
    assertTrue(seen.contains("api/src/main/java/dev/ctrstore/internal") && seen.size() >= 15,
        "found only these main packages: " + seen);
    assertEquals(List.of(), offenders, "every main package says what it promises in a"
        + " package-info.java (Javadoc) and is @NullMarked, so only @Nullable marks what may be"
        + " null");
  }

  @Test
  void everyJarModuleNamesItsAutomaticModule() throws IOException {
    Path root = root();
    Set<String> names = new HashSet<>();
    for (String module : modules(root)) {
      String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
      if (pom.contains("<packaging>pom</packaging>")) {
        continue;
      }
      Matcher m = MODULE_NAME.matcher(pom);
      assertTrue(m.find(), module + "/pom.xml: set <ctrstore.module> in <properties> (the jar's"
          + " Automatic-Module-Name, e.g. dev.ctrstore." + module.replace("-", "") + ")");
      String name = m.group(1);
      assertTrue(name.matches("dev\\.ctrstore(\\.[a-z][a-z0-9]*)*"),
          module + ": ctrstore.module " + name + " is not a module name under dev.ctrstore");
      assertTrue(names.add(name), module + ": ctrstore.module " + name + " is used twice");
    }
    assertTrue(names.contains("dev.ctrstore"), "api is named dev.ctrstore: " + names);
  }

  @Test
  void theBomListsEveryPublishedModuleAtTheBuildsVersion() throws IOException {
    Path root = root();
    String bom = Files.readString(root.resolve("bom/pom.xml"));
    String version = between(Files.readString(root.resolve("pom.xml")), "</artifactId>\n  <version>", "<");
    assertEquals(version, between(bom, "<artifactId>ctrstore-bom</artifactId>\n  <version>", "<"),
        "bom/pom.xml's version");
    List<String> missing = new ArrayList<>();
    for (String module : modules(root)) {
      String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
      if (pom.contains("<packaging>pom</packaging>") || pom.contains("<maven.deploy.skip>true")) {
        continue;
      }
      String artifact = between(pom.substring(pom.indexOf("</parent>")), "<artifactId>", "<");
      if (!bom.contains("<artifactId>" + artifact + "</artifactId>")) {
        missing.add(artifact);
      }
    }
    assertEquals(List.of(), missing, "add these published modules to bom/pom.xml");
  }

  private static String between(String text, String before, String after) {
    int i = text.indexOf(before);
    assertTrue(i >= 0, "no " + before.strip());
    int start = i + before.length();
    return text.substring(start, text.indexOf(after, start));
  }

  private static boolean refersToInternal(Path file) {
    return RepositorySources.read(file).contains(INTERNAL);
  }

  private static Path root() {
    return RepositorySources.root();
  }

  private static List<String> modules(Path dir) {
    return RepositorySources.modules(dir);
  }

  private static List<Path> javaFiles(Path module) {
    return RepositorySources.javaFiles(module.resolve("src"));
  }
}
