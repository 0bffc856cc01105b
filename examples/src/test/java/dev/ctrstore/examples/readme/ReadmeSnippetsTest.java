package dev.ctrstore.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.Store;
import dev.ctrstore.memory.MemoryStoreProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the READMEs is a region of a compiled file: the block must follow a line
 * {@code <!-- snippet: PATH#TAG -->} and equal, character for character, the lines between
 * {@code // tag::TAG[]} and {@code // end::TAG[]} in PATH (relative to the repository root, common
 * indentation removed). The snippets themselves run below.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final List<String> DOCUMENTS =
      List.of("README.md", "examples/README.md", "conformance-tests/README.md");
  private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");

  private record Block(String document, int line, String marker, String text) {}

  private static List<Block> javaBlocks(String document) throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve(document), StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).strip().equals("```")) {
        end++;
      }
      String marker = i > 0 ? lines.get(i - 1).strip() : "";
      blocks.add(new Block(document, i + 1, marker, String.join("\n", lines.subList(start, end))));
      i = end;
    }
    return blocks;
  }

  /** The lines between the tag's markers in {@code file}, with their common indentation removed. */
  static String region(Path file, String tag) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int open = -1;
    int close = -1;
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i).strip();
      if (s.equals("// tag::" + tag + "[]")) {
        open = i;
      } else if (s.equals("// end::" + tag + "[]")) {
        close = i;
      }
    }
    assertTrue(open >= 0 && close > open, "tag " + tag + " in " + file);
    List<String> body = lines.subList(open + 1, close);
    int indent = body.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return String.join("\n", body.stream()
        .map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockIsACompiledRegion() throws IOException {
    List<Block> blocks = new ArrayList<>();
    for (String doc : DOCUMENTS) {
      blocks.addAll(javaBlocks(doc));
    }
    assertTrue(blocks.size() >= 4, "README blocks found: " + blocks.size());
    return blocks.stream().map(b -> DynamicTest.dynamicTest(b.document() + ":" + b.line(), () -> {
      Matcher m = MARKER.matcher(b.marker());
      if (!m.matches()) {
        fail(b.document() + ":" + b.line() + ": a ```java block needs the line before it to be"
            + " <!-- snippet: PATH#TAG --> naming the compiled file it shows; found: " + b.marker());
      }
      Path file = ROOT.resolve(m.group(1));
      assertTrue(Files.isRegularFile(file), "snippet file " + file);
      assertEquals(region(file, m.group(2)), b.text(),
          b.document() + ":" + b.line() + " differs from " + m.group(1) + "#" + m.group(2));
    }));
  }

  @Test
  void regionReaderFindsADifferenceInOneCharacter(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("X.java");
    Files.writeString(file, "class X {\n  // tag::t[]\n  int a = 1;\n\n    int b;\n  // end::t[]\n}\n");
    assertEquals("int a = 1;\n\n  int b;", region(file, "t"));
    assertFalse(region(file, "t").equals("int a = 2;\n\n  int b;"));
  }

  @Test
  void usingAStoreRunsAsShownOnTheDefaultBackend(@TempDir Path work) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        UsingAStore.class.getName())
        .directory(work.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("CTRSTORE_"));
    // Several backends are on the test class path; the README's reader has only jdbc.
    pb.environment().put("CTRSTORE_BACKEND", "jdbc");
    pb.redirectOutput(work.resolve("stdout").toFile());
    pb.redirectError(work.resolve("stderr").toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("UsingAStore did not finish in 120 s");
    }
    String err = Files.readString(work.resolve("stderr"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), err);
    String spec = "{\"ociVersion\": \"1.1.0\", \"process\": {\"args\": [\"redis-server\"], \"cwd\": \"/\"},\n"
        + " \"root\": {\"path\": \"rootfs\"}}";
    assertEquals(List.of(
            "prod or db: 1",
            "redis-1 {env=staging}",
            "spec: " + spec.length() + " characters of JSON"),
        Files.readAllLines(work.resolve("stdout"), StandardCharsets.UTF_8));
    assertTrue(Files.exists(work.resolve("ctrstore-data/ctrstore.db")), "SQLite file in ./ctrstore-data");
  }

  @Test
  void aFreshDeadlinePerCallWorksWhereAKeptContextFails() throws InterruptedException {
    try (Store store = MemoryStoreProvider.openStore()) {
      Context ns = Context.withNamespace("default");
      store.create(ns, Container.builder().id("redis-1").runtime("rt").ociSpec("{}").build());
      Context kept = ns.withTimeout(Duration.ofMillis(300));

      Thread.sleep(400);

      assertEquals("redis-1", Deadlines.fetch(store, ns, "redis-1").id());
      assertThrows(DeadlineExceededException.class, () -> store.get(kept, "redis-1"));
    }
  }
}
