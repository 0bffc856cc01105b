package dev.ctrstore.reliability;

import dev.ctrstore.Container;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Filters;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures filter regexes that take exponential time on a backtracking engine ({@code (a+)+$}
 * and friends) against label values of growing size up to the 4 KiB limit, and prints the time
 * per match. With RE2/J it grows linearly with the value length. Run it with
 * {@code mvn -B -pl reliability-tests -am verify -Dtest=RegexBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dreliability.excludedGroups=none} or as a main class
 * on the test class path. The test run asserts only that it returns.
 */
public final class RegexBenchmark {
  static final String[] PATTERNS = {"(a+)+$", "(a|aa)+$", "(a*)*b$", "^(a+)+\\!$", "(.*a){12}"};

  private RegexBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    run(rounds).forEach(System.out::println);
  }

  /** One line per pattern and size: nanoseconds per evaluation. */
  static List<String> run(int rounds) {
    List<String> out = new ArrayList<>();
    for (String pattern : PATTERNS) {
      Filter f = Filters.parse("labels.x~=" + Quote.go(pattern));
      StringBuilder line = new StringBuilder(String.format("%-14s", pattern));
      for (int size : new int[] {256, 512, 1024, 2048, 4094}) {
        Container c = Rel.tokened("b", "t").toBuilder().label("x", "a".repeat(size - 1) + "!").build();
        for (int i = 0; i < Math.max(1, rounds / 10); i++) {
          f.test(c); // warm up
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
          f.test(c);
        }
        long ns = (System.nanoTime() - start) / rounds;
        line.append(String.format("  %5d B: %8.1f us", size, ns / 1000.0));
      }
      out.add(line.toString());
    }
    return out;
  }
}
