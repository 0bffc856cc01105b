package dev.ctrstore.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sanity of the kit's own data: the reference tables and vectors are complete. */
class KitDataTest {
  @Test
  void workedFilterExamplesAreAllThere() {
    List<FilterExamples.Row> rows = FilterExamples.rows();
    assertEquals(122, rows.size(), "120 rows, row 106 split in three");
    assertEquals(rows.size(), new HashSet<>(rows.stream().map(FilterExamples.Row::number).toList()).size());
    assertEquals(4, FilterExamples.samples().size());
  }

  @Test
  void vectorsLoad() {
    assertEquals(40, Vectors.containers().size());
    List<Vectors.FilterCase> cases = Vectors.filterCases();
    assertEquals(347, cases.size());
    cases.forEach(c -> assertTrue(c.match() != null ^ c.error() != null, c::toString));
    assertEquals(15, Vectors.updateCases().size());
  }
}
