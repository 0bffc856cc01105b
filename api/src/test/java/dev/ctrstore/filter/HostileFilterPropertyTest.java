package dev.ctrstore.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * No filter string can take the JVM down (D-13, D-14): random strings of up to 4 KiB built from
 * the pieces that once exhausted heap or stack (nested counted repeats, named groups, deep
 * nesting, large classes, folding) parse to a filter or fail with InvalidArgumentException, and
 * an accepted one matches texts of up to 4 KiB. Runs in its own JVM with a 128 MiB heap (the
 * {@code small-heap} surefire execution of this module), where any OutOfMemoryError fails it.
 */
@Tag("small-heap")
class HostileFilterPropertyTest {
  private static final List<String> PIECES = List.of("a", "b", "x", "(", ")", "(?:", "(?P<n>",
      "(?i)", "(?s:", "|", "*", "+", "?", "{1000}", "{2}", "{0,1000}", "{100}", "{999,}", "{",
      "}", "[", "]", "[^", "\\", "\\p{L}", "\\pN", "\\P{Greek}", "[[:alpha:]]", "\\d", "\\w",
      "\\b", "^", "$", ".", "\\Q", "\\E", "\\x{10FFFF}", "ä", "😀", "K", "-", ",", "\"", "/");

  private static final List<String> TEXTS = List.of("", "a", "abc", "x".repeat(4096),
      "ab".repeat(2048), "ä😀K\n", "(((a)))");

  @Provide
  Arbitrary<String> hostileExpressions() {
    Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(PIECES),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(3));
    Arbitrary<String> nested = Arbitraries.integers().between(1, 1100).map(
        n -> "(".repeat(n) + "a{" + Math.min(1000, n) + "}" + ")".repeat(n));
    Arbitrary<String> repeated = Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(8)
        .map(l -> "(?:" + String.join("", l) + "){" + (1 + l.size() * 125) + "}");
    Arbitrary<String> mixed = Arbitraries.oneOf(piece, nested, repeated).list().ofMaxSize(600)
        .map(l -> String.join("", l));
    return mixed.map(s -> s.length() <= 4096 ? s : s.substring(0, 4096));
  }

  @Property(tries = 400)
  void parsesToAFilterOrFailsWithInvalidArgument(@ForAll("hostileExpressions") String expr) {
    for (String filter : List.of("id~=" + expr, "labels.v~=\"" + expr.replace("\\", "\\\\")
        .replace("\"", "\\\"").replace("\n", "\\n") + "\"")) {
      Filter f;
      try {
        f = Filters.parse(filter);
      } catch (InvalidArgumentException e) {
        assertFalse(e.getMessage().isEmpty());
        continue;
      }
      for (String text : TEXTS) {
        f.test(Container.builder().id("c").image(text).labels(Map.of("v", text)).build());
      }
    }
  }

  @Example
  void theLargestProgramsGoAcceptsCompileAndMatchInThisHeap() throws Exception {
    List<String> exprs = List.of("(?:" + "a".repeat(3354) + "){1000}",
        "(?:" + "a*".repeat(1082) + "){1000}", "(?:" + "\\pL".repeat(1227) + "){1000}",
        "(?i)(?:" + "\\p{L}".repeat(800) + "){1000}");
    List<Boolean> expected = List.of(false, true, false, false);
    for (int i = 0; i < exprs.size(); i++) {
      GoRegex re = Regexes.compile(exprs.get(i));
      assertTrue(re.programSize() > 800_000, exprs.get(i).length() + ": " + re.programSize());
      assertEquals(expected.get(i), re.find("!".repeat(4096)), exprs.get(i));
    }
    assertFalse(Regexes.compile(exprs.get(2)).find("ä".repeat(4096)));
  }

  @Example
  void deepestNestingGoAcceptsParsesAndMatchesInThisHeap() {
    Filter f = Filters.parse("id~=" + "(?:".repeat(1000) + "a" + ")".repeat(1000));
    assertEquals(true, f.test(Container.builder().id("a").build()));
  }
}
