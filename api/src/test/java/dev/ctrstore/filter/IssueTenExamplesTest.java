package dev.ctrstore.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.StoreException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every example of issue 10, by name: Go 1.19's verdict and matches (D-8, D-13, D-14). */
class IssueTenExamplesTest {

  private static Filter parse(String regex) {
    return Filters.parse("labels.v~=\"" + regex.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
  }

  private static boolean matches(String regex, String text) {
    return parse(regex).test(Container.builder().id("c").labels(Map.of("v", text)).build());
  }

  private static void refused(String regex) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> parse(regex));
    assertTrue(e.getMessage().contains("invalid regular expression"), e.getMessage());
  }

  @Test
  void namedGroupDoesNotHideNestedRepeatsThatOnceExhaustedTheHeap() {
    long t0 = System.nanoTime();
    refused("(?P<n>x)((a{1000}){1000}){1000}");
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused without building anything");
  }

  @Test
  void namedGroupThenRepeatProductOver1000IsRefusedAsGoDoes() {
    refused("(?P<n>x)(a{100}){20}");
    refused("(a{100}){20}");
    parse("(?P<n>x)(a{100}){10}");
  }

  @Test
  void scriptsNewerThanRe2jTablesAreKnown() {
    assertTrue(matches("\\p{Adlam}", "\uD83A\uDD00"));
    assertTrue(matches("\\p{Yezidi}", "\uD803\uDE80"));
    assertTrue(matches("\\p{Chorasmian}", "\uD803\uDFB0"));
  }

  @Test
  void unknownIsNotAClassInGo() {
    refused("\\p{Unknown}");
  }

  @Test
  void symbolsLettersAndFoldedClassesFollowUnicode13() {
    assertTrue(matches("\\pS", "😀"));
    assertTrue(matches("\\pL", "\uAB70"));
    assertTrue(matches("\\pL", "\uD83A\uDD22"));
    for (char c = 'A'; c <= 'Z'; c++) {
      assertTrue(matches("(?i)\\p{Ll}", String.valueOf(c)), String.valueOf(c));
    }
    assertFalse(matches("\\p{Ll}", "A"));
  }

  @Test
  void arabicIndicDigitIsArabicNotCommon() {
    assertTrue(matches("\\p{Arabic}", "\u0663"));
    assertFalse(matches("[\\p{Common}]", "\u0663"));
  }

  @Test
  void backslashBeforeNonAsciiIsRefused() {
    refused("\\ä");
    refused("\\😀");
    refused("\\\u00a0");
  }

  @Test
  void duplicateGroupNamesAreAccepted() {
    assertTrue(matches("(?P<a>x)(?P<a>y)", "xy"));
  }

  @Test
  void braceThatStartsNoRepeatIsALiteral() {
    assertTrue(matches("a{+", "a{{"));
    assertTrue(matches("a{*", "a"));
    assertTrue(matches("{?", ""));
    assertTrue(matches("[abc]{+", "c{"));
    assertFalse(matches("[abc]{+", "c"));
  }

  @Test
  void nestingUpToGosLimitIsAccepted() {
    parse("(".repeat(998) + "a" + ")".repeat(998));
    parse("(".repeat(999) + "a" + ")".repeat(999));
    assertTrue(matches("(?:".repeat(1000) + "a" + ")".repeat(1000), "a"));
    refused("(".repeat(1000) + "a" + ")".repeat(1000));
  }

  @Test
  void angleBracketNamedGroupIsRefusedAsInGo119() {
    refused("(?<n>x)");
  }

  @Test
  void anErrorWhileCompilingIsAStoreExceptionOfKindUnknownAndParsingStillWorks()
      throws InterruptedException {
    String deep = "(".repeat(999) + "a" + ")".repeat(999);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    // A thread stack far smaller than any JVM default makes the parser overflow it.
    Thread t = new Thread(null, () -> {
      try {
        parse(deep);
      } catch (Throwable e) {
        thrown.set(e);
      }
    }, "tiny-stack", 16 * 1024);
    t.start();
    t.join();
    assertTrue(thrown.get() instanceof StoreException, String.valueOf(thrown.get()));
    assertEquals(ErrorKind.UNKNOWN, ((StoreException) thrown.get()).kind());
    assertTrue(matches(deep, "a"));
  }

  @Test
  void expressionsLongerThan4096CharactersAreRefused() {
    parse("a".repeat(4096));
    refused("a".repeat(4097));
  }
}
