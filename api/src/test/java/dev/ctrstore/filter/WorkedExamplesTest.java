package dev.ctrstore.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ctrstore.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The 120 worked examples of spec section 8.9 (filter-examples.txt), over its containers C1-C4.
 * Rows 23 and 40-42 expect ERR: an invalid regular expression is a parse error (D-8, docs/semantics.md §8.9).
 */
class WorkedExamplesTest {

  @TestFactory
  Stream<DynamicTest> workedExamples() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : lines()) {
      String[] cols = line.split("\t");
      String[] filters = filters(cols[1]);
      String expected = cols[2];
      tests.add(DynamicTest.dynamicTest("#" + cols[0] + " " + cols[1] + " -> " + expected,
          () -> check(filters, expected)));
    }
    assertEquals(122, tests.size(), "120 rows, row 106 has three strings");
    return tests.stream();
  }

  private static void check(String[] filters, String expected) {
    if (expected.equals("ERR")) {
      assertThrows(InvalidArgumentException.class, () -> Filters.parse(filters));
      return;
    }
    Filter f = Filters.parse(filters);
    List<String> got = new ArrayList<>();
    for (String name : List.of("C1", "C2", "C3", "C4")) {
      if (f.test(Samples.BY_NAME.get(name))) {
        got.add(name);
      }
    }
    assertEquals(expected, got.isEmpty() ? "none" : String.join(" ", got));
  }

  /** Decodes the table's notation into the strings passed to one List call. */
  static String[] filters(String column) {
    if (column.equals("∅")) {
      return new String[0];
    }
    String[] parts = column.split(" ‖ ");
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].equals("(the empty string)") ? "" : parts[i];
      p = p.replace("␣", " ").replace("⇥", "\t").replace("<NUL>", "\0");
      Matcher m = java.util.regex.Pattern.compile("<U\\+([0-9A-F]{4})>").matcher(p);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(b, String.valueOf((char) Integer.parseInt(m.group(1), 16)));
      }
      parts[i] = m.appendTail(b).toString();
    }
    return parts;
  }

  private static List<String> lines() throws IOException {
    try (InputStream in = WorkedExamplesTest.class.getResourceAsStream("/filter-examples.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
  }
}
