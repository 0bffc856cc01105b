package dev.ctrstore.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.InvalidArgumentException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The identifier table of docs/semantics.md §3.1. */
class IdentifiersTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "A", "0", "a-b", "a.b", "a_b", "a1.b2_c3-d4", "0numeric",
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
  void valid(String id) {
    assertDoesNotThrow(() -> Identifiers.validate("container id", id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a--b", "a._b", "-a", ".a", "_a", "a-", "a b", "a/b", "a:b", "ä",
      "abc\n", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"})
  void invalid(String id) {
    var e = assertThrows(InvalidArgumentException.class, () -> Identifiers.validate("namespace", id));
    assertTrue(e.getMessage().startsWith("namespace"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {76, 77})
  void lengthLimitIsInBytes(int n) {
    String id = "x".repeat(n);
    if (n <= Identifiers.MAX_LENGTH) {
      assertDoesNotThrow(() -> Identifiers.validate("container id", id));
    } else {
      var e = assertThrows(InvalidArgumentException.class,
          () -> Identifiers.validate("container id", id));
      assertTrue(e.getMessage().contains("longer than 76 bytes"), e.getMessage());
    }
  }
}
