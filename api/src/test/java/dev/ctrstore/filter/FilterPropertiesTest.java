package dev.ctrstore.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

/**
 * Whatever the input, parsing gives a Filter or an InvalidArgumentException, and a parsed
 * filter evaluates on any container without throwing.
 */
class FilterPropertiesTest {

  @Property(tries = 3000)
  void anyStringParsesOrIsInvalidArgument(@ForAll("anyText") String s) {
    parseOrInvalid(s);
  }

  @Property(tries = 5000)
  void filterAlphabetParsesOrIsInvalidArgument(@ForAll("filterText") String s) {
    parseOrInvalid(s);
  }

  @Property(tries = 3000)
  void parsedFiltersEvaluateWithoutThrowing(@ForAll("filterText") String s,
      @ForAll("containers") Container c) {
    Filter f = parseOrInvalid(s);
    if (f != null) {
      f.test(c);
    }
  }

  @Property(tries = 1000)
  void quotedValuesRoundTrip(@ForAll("anyText") String value) {
    String quoted = '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    Filter f = parseOrInvalid("labels.k==" + quoted);
    if (f != null) {
      Selector sel = f.alternatives().get(0).get(0);
      assertEquals(value, sel.value());
      assertEquals(true, f.test(Container.builder().id("x").label("k", value).build())
          || value.isEmpty());
    }
  }

  private static Filter parseOrInvalid(String s) {
    try {
      return Filters.parse(s);
    } catch (InvalidArgumentException e) {
      if (!e.getMessage().startsWith("filters: ")) {
        throw new AssertionError("unexpected message " + e.getMessage());
      }
      return null;
    }
  }

  @Provide
  Arbitrary<String> anyText() {
    // All of UTF-16, lone surrogates and control characters included.
    return Arbitraries.strings().all().ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> filterText() {
    Arbitrary<String> token = Arbitraries.of("labels", "id", "image", "runtime", "name", ".",
        ",", "=", "==", "!=", "~=", "!", "~", "\"", "/", "|", "\\", " ", "\t", "\u00a0", "a", "Z",
        "0", "7", "x", "u", "U", "\\x", "\\u", "\\", "\n", "\r", "\0", "\uFFFD", "\uD800", "ä",
        "(", ")", "[", "]", "{", "}", "*", "+", "?", "^", "$", "1000", "(?<", "\\Z", "'");
    return token.list().ofMaxSize(20).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<Container> containers() {
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(8);
    Arbitrary<Map<String, String>> labels = Arbitraries.maps(
        Arbitraries.of("env", "k", "a.b", "", "x y"), text).ofMaxSize(4);
    return Combinators.combine(text, text, text, labels).as((id, image, runtime, l) ->
        Container.builder().id(id).image(image).runtime(runtime).labels(l).build());
  }
}
