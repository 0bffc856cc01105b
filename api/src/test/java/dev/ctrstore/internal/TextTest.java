package dev.ctrstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TextTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "ä", "€", "😀", "ключ", "a\u0000b", "mixed ä€😀 text"})
  void utf8LengthAgreesWithTheEncoder(String s) {
    assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Text.utf8Length(s));
  }

  @Test
  void unpairedSurrogatesAreNotWellFormed() {
    assertTrue(Text.isWellFormed("😀"));
    assertFalse(Text.isWellFormed("\ud83d"));
    assertFalse(Text.isWellFormed("\ude00x"));
    assertFalse(Text.isWellFormed("x\ud83d\ud83d"));
  }

  @Test
  void quoteEscapesAndShortens() {
    assertEquals("\"a\\\"b\\n\"", Text.quote("a\"b\n"));
    String q = Text.quote("z".repeat(500));
    assertTrue(q.endsWith("…(500 bytes)"), q);
    assertTrue(q.length() < 120, q);
  }
}
