package dev.ctrstore.filter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ~= dialect: Go 1.19's regexp (containerd v1.7), invalid expressions fail (D-8, D-14; docs/semantics.md §8.7). */
class RegexDialectTest {

  private static boolean matches(String regex, String id) {
    return Filters.parse("id~=\"" + regex.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .test(Container.builder().id(id).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[", "(?=x)", "(?!x)", "(?<=x)", "(?<n>x)", "\\Z", "\\C", "a**",
      "a{1001}", "a{2,1001}", "(a{2}){501}", "((a{10}){10}){11}", "(a{1000}){2}", "\\1",
      "(a)\\1", "x++", "[[:nope:]]", "\\p{Nope}",
      "((((a{100}){100}){100}){100})"})
  void invalidInGo120IsAParseError(String regex) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> Filters.parse("id~=\"" + regex.replace("\\", "\\\\") + "\""));
    assertTrue(e.getMessage().contains("invalid regular expression"), e.getMessage());
    assertTrue(e.getMessage().contains("position 4"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"(?P<n>x)", "a{1000}", "(a{10}){100}", "(a{0}){1000}", "x{,3}",
      "[[:alpha:]]", "\\p{Greek}", "\\pN", "(?i)x", "(?s).", "(?U)a+", "\\Q.\\E", "\\z", "a{2,}",
      "(a*)*", "[]a]", "[^]a]", "a{", "a{x}", "(?:(?:a))"})
  void validInGo120(String regex) {
    Filters.parse("id~=\"" + regex.replace("\\", "\\\\") + "\"");
  }

  @Test
  void goSemantics() {
    assertFalse(matches("a$", "a\n"), "$ is end of text only");
    assertTrue(matches("(?m)a$", "a\nb"));
    assertFalse(matches("\\s", "\u000b"), "\\s excludes \\v");
    assertTrue(matches("(?i)k", "\u212a"), "(?i) folds Unicode");
    assertTrue(matches("e", "redis-1"), "unanchored search");
    assertTrue(matches("^\\x{e4}$", "ä"));
  }

  @Test
  void deepNestingIsRejectedNotOverflowed() {
    String deep = "(".repeat(1200) + "a" + ")".repeat(1200);
    assertThrows(InvalidArgumentException.class, () -> Filters.parse("id~=" + deep));
    String deepNonCapturing = "(?:".repeat(20_000) + "a" + ")".repeat(20_000);
    // Deeper than Go's limit of 1000 (and longer than D-13's 4096 characters).
    assertThrows(InvalidArgumentException.class, () -> Filters.parse("id~=" + deepNonCapturing));
    Filters.parse("id~=" + "(?:".repeat(900) + "a" + ")".repeat(900));
    Filters.parse("id~=" + "(".repeat(900) + "a" + ")".repeat(900));
    String unclosed = "(".repeat(100_000);
    assertThrows(InvalidArgumentException.class, () -> Filters.parse("id~=" + unclosed));
  }

  @Test
  void largeExpansionIsRejectedNotOutOfMemory() {
    assertThrows(InvalidArgumentException.class,
        () -> Filters.parse("id~=(?:" + "a".repeat(4000) + "){1000}"));
    Filters.parse("id~=(?:" + "a".repeat(3000) + "){1000}");
  }

  @Test
  void expressionsLongerThan4096CharactersAreRefused() { // D-13
    Filters.parse("id~=" + "ab".repeat(Regexes.MAX_LENGTH / 2));
    assertThrows(InvalidArgumentException.class,
        () -> Filters.parse("id~=" + "ab".repeat(500_000)));
  }
}
