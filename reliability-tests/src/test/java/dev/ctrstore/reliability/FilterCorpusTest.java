package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Context;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.Store;
import dev.ctrstore.filter.Filters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed filters (a corpus file, with escapes for characters a text file should not hold,
 * plus jqwik mutations of valid filters) give only {@link InvalidArgumentException} naming a
 * position inside the string, from the parser and from every backend's list; and the
 * pathological regex {@code (a+)+$} over 4 KiB label values returns (RE2: linear time; the
 * numbers come from {@link RegexBenchmark}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterCorpusTest {
  static final AtomicLong INPUTS = new AtomicLong();
  static final Pattern POSITION = Pattern.compile("\\(at position (\\d+) of (\\d+)\\)");

  Backends backends;

  @BeforeAll
  void open() {
    backends = new Backends();
  }

  @AfterAll
  void close() {
    System.out.println("FilterCorpusTest: " + INPUTS.get() + " hostile inputs tried");
    if (backends != null) {
      backends.close();
    }
  }

  Stream<String> backendNames() {
    return backends.names().stream();
  }

  /** The corpus: one filter per line; \\n, \\t, \\0, \\uXXXX written as escapes; # comments. */
  static List<String> corpus() throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = FilterCorpusTest.class.getResourceAsStream("/malformed-filters.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n", -1)) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        out.add(unescape(line));
      }
    }
    return out;
  }

  static String unescape(String line) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '{') {
        int end = line.indexOf('}', i);
        String code = line.substring(i + 2, end);
        switch (code) {
          case "n" -> b.append('\n');
          case "t" -> b.append('\t');
          case "0" -> b.append('\0');
          default -> b.append((char) Integer.parseInt(code, 16));
        }
        i = end;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The parser refuses {@code f} with a position inside it; returns the exception. */
  static InvalidArgumentException assertRefusedWithPosition(String f) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Filters.parse(f),
        () -> "parsed: " + HostileInputTest.describe(f));
    Matcher m = POSITION.matcher(e.getMessage());
    assertTrue(m.find(), "no position in: " + e.getMessage());
    int pos = Integer.parseInt(m.group(1));
    assertEquals(f.length(), Integer.parseInt(m.group(2)), e.getMessage());
    assertTrue(pos >= 0 && pos <= f.length(), e.getMessage());
    INPUTS.incrementAndGet();
    return e;
  }

  @Test
  void everyCorpusFilterIsRefusedWithAPosition() throws IOException {
    List<String> corpus = corpus();
    assertTrue(corpus.size() >= 60, "corpus size " + corpus.size());
    List<String> wrong = new ArrayList<>();
    for (String f : corpus) {
      try {
        assertRefusedWithPosition(f);
      } catch (AssertionError e) {
        wrong.add(e.getMessage());
      }
    }
    assertEquals(List.of(), wrong, "corpus entries not refused with a position");
  }

  @ParameterizedTest
  @MethodSource("backendNames")
  void everyBackendRefusesTheCorpusBeforeReading(String backend) throws IOException {
    Store store = backends.get(backend);
    Context ctx = Rel.ctx(Rel.newNamespace());
    store.create(ctx, Rel.tokened("c", "t"));
    for (String f : corpus()) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> store.list(ctx, "labels.v==t", f), () -> backend + " listed with " + HostileInputTest.describe(f));
      assertTrue(POSITION.matcher(e.getMessage()).find(), e.getMessage());
      assertThrows(InvalidArgumentException.class, () -> store.stream(ctx, f).close());
      INPUTS.incrementAndGet();
    }
  }

  /** Valid filters with one character inserted, deleted or replaced: parse, or refuse with a position. */
  @Property(tries = 3000, seed = "42")
  void mutatedFiltersParseOrAreRefusedWithAPosition(@ForAll("mutated") String f) {
    INPUTS.incrementAndGet();
    try {
      Filters.parse(f);
    } catch (InvalidArgumentException e) {
      Matcher m = POSITION.matcher(e.getMessage());
      assertTrue(m.find(), "no position in: " + e.getMessage());
      assertTrue(Integer.parseInt(m.group(1)) <= f.length(), e.getMessage());
    }
  }

  @Provide
  Arbitrary<String> mutated() {
    List<String> valid = List.of("labels.env==prod", "id~=^web-\\d+$", "image==\"docker.io/x:1\"",
        "labels.\"a b\"!=c,runtime.name", "labels.k~='(a+)+$'", "snapshotter==overlayfs,labels.x",
        "labels.\"app/name\"~=\"^re\\\\.d\"", "id==a,image!=b,labels.c");
    Arbitrary<Character> chars = Arbitraries.of('"', '\'', '\\', '=', '!', '~', ',', '.', ' ', '\0',
        '\uD800', '\uFFFD', '(', ')', '[', '|', 'x', '/', '\n', '\uD83D');
    return Arbitraries.of(valid).flatMap(v -> Arbitraries.integers().between(0, v.length())
        .flatMap(pos -> Arbitraries.integers().between(0, 2).flatMap(op -> chars.map(c -> switch (op) {
          case 0 -> v.substring(0, pos) + c + v.substring(pos);
          case 1 -> pos < v.length() ? v.substring(0, pos) + v.substring(pos + 1) : v + c;
          default -> pos < v.length() ? v.substring(0, pos) + c + v.substring(pos + 1) : v + c;
        }))));
  }

  @ParameterizedTest
  @MethodSource("backendNames")
  void pathologicalRegexOverFourKiBLabelsReturns(String backend) {
    Store store = backends.get(backend);
    Context ctx = Rel.ctx(Rel.newNamespace());
    for (int i = 0; i < 20; i++) {
      // key "x" + 4095-byte value: the largest label; no match at the end, the worst case for
      // a backtracking engine.
      store.create(ctx, Rel.tokened("p" + i, "t").toBuilder()
          .label("x", "a".repeat(4094) + (char) ('!' + i)).build());
    }
    long start = System.nanoTime();
    assertEquals(List.of(), store.list(ctx, "labels.x~=(a+)+$"));
    assertEquals(List.of(), store.list(ctx, "labels.x~=^(a|aa)+$", "labels.x~=(a*)*b$"));
    assertEquals(20, store.list(ctx, "labels.x~=(a+)+").size());
    System.out.println("FilterCorpusTest " + backend + ": pathological regexes over 20 x 4 KiB labels in "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
  }
}
