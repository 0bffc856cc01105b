package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The benchmark of {@link RegexBenchmark}: a quick run in every build, the full table on demand. */
class RegexBenchmarkTest {
  /** Pathological regexes over values up to 4 KiB return (RE2: no backtracking blow-up). */
  @Test
  void quickRunReturns() {
    assertEquals(RegexBenchmark.PATTERNS.length, RegexBenchmark.run(3).size());
  }

  @Test
  @Tag("benchmark")
  void fullTable() {
    RegexBenchmark.run(500).forEach(System.out::println);
  }
}
