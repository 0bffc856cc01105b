package dev.ctrstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OciSpecsTest {
  private static final String SPEC =
      "{\"ociVersion\": \"1.1.0\", \"process\": {\"args\": [\"sh\", \"-c\", \"echo \\\"hi\\\"\"],"
          + " \"user\": {\"uid\": 0, \"gid\": -1.5e3}, \"terminal\": false, \"env\": []},"
          + " \"root\": {\"path\": \"rootfs\", \"readonly\": true}, \"hostname\": \"h\\u00e9\","
          + " \"annotations\": {}, \"linux\": null}";

  @Test
  void packsTheJsonAsContainerdDoesByteForByte() {
    Any any = OciSpecs.json(SPEC);

    assertEquals("types.containerd.io/opencontainers/runtime-spec/1/Spec", any.getTypeUrl());
    assertEquals(ByteString.copyFrom(SPEC, StandardCharsets.UTF_8), any.getValue());
    assertEquals(SPEC, OciSpecs.toJson(any));
    assertTrue(OciSpecs.isOciSpec(any));
  }

  @Test
  void keepsNonAsciiTextAsUtf8() {
    String json = "{\"hostname\":\"ключ-☃-\uD83D\uDE00\"}";
    Any any = OciSpecs.json(json);
    assertEquals(json.getBytes(StandardCharsets.UTF_8).length, any.getValue().size());
    assertEquals(json, OciSpecs.toJson(any));
  }

  @Test
  void builderShortcutSetsTheSameSpec() {
    Container c = Container.builder().id("a").runtime("rt").ociSpec(SPEC).build();
    assertEquals(OciSpecs.json(SPEC), c.spec());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "[]", "\"text\"", "42", "null", "{", "{\"a\":}", "{\"a\" 1}", "{a:1}",
      "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":tru}", "{\"a\":\"\\q\"}",
      "{\"a\":\"\\u12\"}", "{\"a\":\"line\nbreak\"}", "{} {}", "{}x", "{'a':1}", "{\"a\":-}",
      "{\"a\":\"unterminated}"})
  void refusesWhatIsNotOneJsonObjectNamingTheField(String text) {
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> OciSpecs.json(text));
    assertTrue(e.getMessage().startsWith("spec: not a JSON object: "), e.getMessage());
    assertTrue(e.getMessage().contains("offset"), e.getMessage());
    assertThrows(InvalidArgumentException.class, () -> Container.builder().ociSpec(text));
  }

  @Test
  void acceptsSurroundingWhiteSpaceAndEmptyObject() {
    assertEquals(" {} \n", OciSpecs.toJson(OciSpecs.json(" {} \n")));
  }

  @Test
  void deepNestingIsAnInvalidArgumentNotAStackOverflow() {
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> OciSpecs.json(deep));
    assertTrue(e.getMessage().contains("nested deeper than 512 levels"), e.getMessage());
    String fine = "{\"a\":" + "[".repeat(500) + "]".repeat(500) + "}";
    assertEquals(fine, OciSpecs.toJson(OciSpecs.json(fine)));
  }

  @Test
  void nullIsInvalidArgument() {
    assertThrows(InvalidArgumentException.class, () -> OciSpecs.json(null));
    assertThrows(InvalidArgumentException.class, () -> OciSpecs.toJson(null));
  }

  @Test
  void toJsonRefusesAnotherTypeNamingIt() {
    Any other = Any.newBuilder().setTypeUrl("example.com/Other").build();
    assertFalse(OciSpecs.isOciSpec(other));
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> OciSpecs.toJson(other));
    assertTrue(e.getMessage().contains("example.com/Other"), e.getMessage());
  }
}
