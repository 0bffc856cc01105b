package dev.ctrstore.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Tokenizer rules of spec section 8.3 that the grammar alone does not show. */
class FilterParserTest {

  private static Selector one(String filter) {
    List<Selector> s = FilterParser.parse(filter);
    assertEquals(1, s.size(), filter);
    return s.get(0);
  }

  private static InvalidArgumentException fails(String filter) {
    return assertThrows(InvalidArgumentException.class, () -> FilterParser.parse(filter), filter);
  }

  @ParameterizedTest
  @ValueSource(strings = {"id==\"\\x62are\"", "id==\"\\142are\"", "id==\"\\u0062are\"",
      "id==\"\\U00000062are\"", "id==\"b\\x61re\"", "id==\"\\x62\\x61\\x72\\x65\""})
  void numericEscapesSpellTheSameValue(String filter) {
    assertEquals("bare", one(filter).value());
    assertTrue(one(filter).isComparable());
  }

  @Test
  void simpleEscapes() {
    assertEquals("\u0007\b\f\n\r\t\u000b\\\"", one("a==\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"").value());
  }

  @Test
  void hexAndOctalEscapesAreBytesDecodedAsUtf8() {
    assertEquals("ä", one("a==\"\\xc3\\xa4\"").value());
    assertEquals("ä", one("a==\"\\303\\244\"").value());
    assertEquals("\0", one("a==\"\\x00\"").value());
    assertEquals("\0", one("a==\"\\000\"").value());
    assertTrue(one("a==\"\\xc3\\xa4\"").isComparable());
  }

  @Test
  void bytesThatAreNotUtf8MatchNothing() {
    Selector eq = one("labels.k==\"\\xff\"");
    assertFalse(eq.isComparable());
    assertFalse(Filters.parse("image==\"\\xc3\"").test(Samples.C1));
    assertTrue(Filters.parse("image!=\"\\xc3\"").test(Samples.C1));
    // A label key that is not UTF-8 names no label: absent, reads as "".
    assertEquals(Target.NONE, one("labels.\"\\xff\"").target());
    assertTrue(Filters.parse("labels.\"\\xff\"!=x").test(Samples.C1));
    assertFalse(Filters.parse("labels.\"\\xff\"!=\"\"").test(Samples.C1));
    // Go's regexp refuses invalid UTF-8: a parse error under D-8 (docs/semantics.md §13.1).
    fails("id~=\"\\xff\"");
  }

  @Test
  void surrogateEscapesBecomeReplacementCharacter() {
    assertEquals("\uFFFD", one("a==\"\\ud800\"").value());
    assertEquals("\uD83D\uDE00", one("a==\"\\U0001F600\"").value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"id==\"\\400\"", "id==\"\\777\"", "id==\"\\q\"", "id==\"a\\qb\"",
      "id==\"\\'\"", "id==\"\\/\"", "id==\"\\.\"", "id==\"\\d\"", "id==\"\\x6\"", "id==\"\\x6g\"",
      "id==\"\\u006\"", "id==\"\\U00110000\"", "id==\"\\UFFFFFFFF\"", "id==\"\\18\"",
      "id~=/\\\"/", "id~=|\\\"|", "id~=/\\|/", "id~=|\\//", "id==\"\\", "id==\"\\\n\"",
      "id==\"\uFF11\"x", "id==\"\\x\uFF11\uFF11\""})
  void illegalEscapes(String filter) {
    fails(filter);
  }

  @Test
  void delimiterEscapesPerQuoteKind() {
    assertEquals("a\"b", one("x==\"a\\\"b\"").value());
    assertEquals("a/b", one("x~=/a\\/b/").value());
    assertEquals("a|b", one("x~=|a\\|b|").value());
    assertEquals("a\"b", one("x~=/a\"b/").value());
    assertEquals("\\d", one("x~=/\\\\d/").value());
    assertEquals("a\rb", one("x==\"a\rb\"").value());
    fails("x==\"a\nb\"");
    fails("x==/a/");
    fails("x!=|a|");
    fails("labels./a/");
    fails("labels.|a|==b");
  }

  @Test
  void bareValuesKeepBackslashesAndQuotes() {
    assertEquals("\\d", one("id~=\\d").value());
    assertEquals("bare\"", one("id==bare\"").value());
    assertEquals("'prod'", one("labels.env=='prod'").value());
    assertEquals("a~=b", one("id~=a~=b").value());
    assertEquals("registry.local:5000/app", one("image==registry.local:5000/app").value());
  }

  @Test
  void fieldPaths() {
    assertEquals(List.of("labels", "io", "k8s", "pod"), one("labels.\"io\".k8s.\"pod\"").fieldPath());
    assertEquals("io.k8s.pod", one("labels.\"io\".k8s.\"pod\"").labelKey());
    assertEquals(List.of("labels", ""), one("labels.\"\"").fieldPath());
    assertEquals(Operator.PRESENT, one("labels.1abc").operator());
    fails("labels.");
    fails("labels.ключ");
    fails("labels.a-b");
  }

  @ParameterizedTest
  @ValueSource(strings = {" id==bare", "\tid==bare", "id == bare", "id==bare, image",
      "labels. env", "\u3000id\u2000==\u00A0bare", "id==\n\"bare\"", "a,\u2028b"})
  void whiteSpaceIsSkippedWhereATokenIsExpected(String filter) {
    assertFalse(FilterParser.parse(filter).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "\u00A0", "id==bare ", "id==bare ,image", "labels .env", "a ,b",
      "a ", "id==bare\u00A0", "id==\"bare\" ", "id==bare\u0085"})
  void whiteSpaceIsAnErrorElsewhere(String filter) {
    fails(filter);
  }

  @ParameterizedTest
  @ValueSource(strings = {"id=bare", "id===bare", "id==!bare", "id!==bare", "id~bare",
      "id!bare", "id==", "id== ", "!=x", "id==bare,", ",id==bare", "id==bare,,image",
      "id==.bare", "id==,x", "id=\"x\"", "a\"b\"", "a b", "id==\"bare\"x"})
  void syntaxErrors(String filter) {
    fails(filter);
  }

  @Test
  void illegalCharactersAnywhere() {
    assertTrue(fails("id==a\0b").getMessage().contains("unexpected null"));
    assertTrue(fails("id==\uFFFD").getMessage().contains("rune error"));
    fails("id==\"a\0b\"");
    fails("id==\"\uFFFD\"");
    fails("id==a\uD800");
    fails("id==\"\uDC00\"");
    fails("\uD800");
    fails("labels.\"\uDFFF\"");
    assertEquals("a\uD83D\uDE00", one("id==a\uD83D\uDE00").value());
  }

  @Test
  void controlCharacters() {
    // A bare value may start with any character that cannot start another token ...
    assertEquals("\u0001x", one("id==\u0001x").value());
    // ... but a control or format character ends it, and then nothing may follow.
    fails("id==x\u0001");
    fails("id==x\u00AD");
  }

  @Test
  void emptyAndBlank() {
    assertEquals(List.of(), FilterParser.parse(""));
    fails(" ");
    fails("\t\n");
  }

  @Test
  void errorMessagesNameTheInputThePositionAndTheReason() {
    String m = fails("id==bare,").getMessage();
    assertTrue(m.startsWith("filters: parse error: [id==bare,]: expected field or quoted"), m);
    assertTrue(m.contains("position 9"), m);
    m = fails("id=bare").getMessage();
    assertTrue(m.contains("[id >|=|< bare]: unsupported operator \"=\""), m);
    assertTrue(m.contains("position 2"), m);
    m = fails("labels .env").getMessage();
    assertTrue(m.contains("position 7") && m.contains("expected an operator"), m);
    m = fails("id==\"a\\qb\"").getMessage();
    assertTrue(m.contains("illegal escape sequence") && m.contains("position 6"), m);
    m = fails("labels.app/name==redis").getMessage();
    assertTrue(m.contains("quoted literal not terminated") && m.contains("position 10"), m);
    m = fails("id==bare ").getMessage();
    assertTrue(m.contains("unexpected input") && m.contains("position 8"), m);
    m = fails("id==a\0b").getMessage();
    assertTrue(m.contains("\\u0000") && !m.contains("\0"), m);
  }

  @Test
  void longInputsGiveShortMessages() {
    String longFilter = "a".repeat(100_000) + " b";
    String m = fails(longFilter).getMessage();
    assertTrue(m.length() < 1000 && m.contains("position 100001"), m);
  }
}
