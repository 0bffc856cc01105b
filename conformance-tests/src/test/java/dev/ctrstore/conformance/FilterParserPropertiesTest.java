package dev.ctrstore.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Filters;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.From;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of the shared filter parser ({@link Filters#parse}): whatever the input, it returns
 * a filter or throws {@link InvalidArgumentException}, never anything else, and a parsed filter
 * never throws when evaluated. Runs on the jqwik engine.
 */
class FilterParserPropertiesTest {
  private static final List<Container> SAMPLES = FilterExamples.samples();

  /** The tokens the grammar is made of, plus the characters it forbids (docs/semantics.md §8.2, §8.3). */
  private static final List<String> TOKENS = List.of(
      "id", "image", "runtime", "name", "labels", "env", "a", "1abc", "_", "ключ",
      ".", ",", "==", "!=", "~=", "=", "!", "~", "===", "\"", "/", "|", "'", "`", "\\",
      "\\\"", "\\\\", "\\x62", "\\x", "\\142", "\\400", "\\u0062", "\\U0010FFFF", "\\U00110000",
      "\\n", "\\q", "\\d", "\\/", "\\|", "(?i)", "[", "]", "(", ")", "^", "$", ".*", "+", "?",
      " ", "\t", "\n", "\r", "\u000b", "\u00a0", "\u2028", "\u3000", "\0", "\ufffd", "😀",
      "\ud800", "prod", "eu,west", "x y", "");

  @Property(tries = 2000)
  void anyStringParsesOrIsInvalidArgument(@ForAll @StringLength(max = 40) String s) {
    check(s);
  }

  @Property(tries = 3000)
  void grammarLikeStringsParseOrAreInvalidArgument(@ForAll("grammarLike") String s) {
    check(s);
  }

  @Property(tries = 1000)
  void severalStringsParseOrAreInvalidArgument(
      @ForAll @Size(max = 4) List<@From("grammarLike") String> strings) {
    Optional<Filter> parsed = parse(strings.toArray(String[]::new));
    parsed.ifPresent(f -> SAMPLES.forEach(f::test));
    boolean anyEmpty = strings.contains("");
    if (parsed.isPresent() && (strings.isEmpty() || anyEmpty)) {
      assertTrue(parsed.get().matchesAll(), "no string or an empty string matches everything");
    }
  }

  @Property(tries = 1000)
  void anyLabelValueCanBeMatchedByAQuotedLiteral(@ForAll @StringLength(min = 1, max = 30) String value) {
    if (!isWellFormed(value)) {
      return;
    }
    Container c = Fixtures.container("x").label("k", value).build();
    Optional<Filter> f = parse("labels.k==" + quote(value));
    assertTrue(f.isPresent(), "a quoted literal always parses");
    assertTrue(f.get().test(c), () -> "labels.k==" + quote(value));
    assertTrue(parse("labels.\"k\"!=" + quote(value + "x")).orElseThrow().test(c));
  }

  @Provide
  Arbitrary<String> grammarLike() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(12).map(parts -> String.join("", parts));
  }

  private static void check(String s) {
    parse(s).ifPresent(f -> SAMPLES.forEach(f::test));
  }

  private static Optional<Filter> parse(String... strings) {
    try {
      return Optional.of(Filters.parse(strings));
    } catch (InvalidArgumentException e) {
      assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "message must explain");
      return Optional.empty();
    }
  }

  /** {@code value} as a double-quoted literal, escaping everything but printable ASCII. */
  private static String quote(String value) {
    StringBuilder sb = new StringBuilder("\"");
    value.codePoints().forEach(cp -> {
      if (cp == '"' || cp == '\\') {
        sb.append('\\').appendCodePoint(cp);
      } else if (cp >= 0x20 && cp < 0x7f) {
        sb.appendCodePoint(cp);
      } else {
        sb.append(String.format("\\U%08x", cp));
      }
    });
    return sb.append('"').toString();
  }

  private static boolean isWellFormed(String s) {
    return s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
  }
}
