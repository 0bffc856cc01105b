package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Filters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The {@code ~=} dialect (§8.7, D-8, D-13, D-14, D-15, issue 10): Go 1.19's {@code regexp},
 * checked against Go's own verdicts in {@link RegexCorpus}. Most of the corpus goes through
 * {@link Filters#parse} (the parser every backend shares); a sample of it goes through the
 * backend's own {@code list}, which must agree.
 */
public abstract class RegexDialectContract extends Contract {
  /** ctrstore's limit on a {@code ~=} expression (D-13). */
  static final int MAX_EXPRESSION = 4096;

  protected RegexDialectContract(StoreConformanceTest kit) {
    super(kit);
  }

  private static String filter(String expr) {
    return "labels.v~=" + RegexCorpus.filterQuoted(expr);
  }

  private static Container labelled(String text) {
    return container("c").label("v", text).build();
  }

  /** Go's verdict for an expression, or D-13's refusal when it is longer than 4096. */
  private static boolean expectAccepted(RegexCorpus.Case c) {
    return c.accepted() && c.expression().length() <= MAX_EXPRESSION;
  }

  @Test
  void corpusIsLargeAndCoversEverySection() {
    List<RegexCorpus.Case> cases = RegexCorpus.cases();
    long pairs = cases.stream().mapToLong(c -> c.matches().size()).sum();
    assertTrue(cases.size() >= 2000, "expressions: " + cases.size());
    assertTrue(pairs >= 20_000, "expression x text verdicts: " + pairs);
    for (String s : List.of("syntax", "escape", "repeat", "limits", "depth", "size", "posix",
        "perl", "unicode", "fold", "random")) {
      assertTrue(cases.stream().anyMatch(c -> c.section().equals(s)), s);
    }
  }

  @Test
  void everyCorpusExpressionGetsGosVerdictAndGosMatches() { // D-8, D-13, D-14
    List<String> wrong = new ArrayList<>();
    for (RegexCorpus.Case c : RegexCorpus.cases()) {
      Filter f;
      try {
        f = Filters.parse(filter(c.expression()));
      } catch (InvalidArgumentException e) {
        if (expectAccepted(c)) {
          wrong.add("refused, Go accepts: " + show(c.expression()) + ": " + e.getMessage());
        }
        continue;
      }
      if (!expectAccepted(c)) {
        wrong.add("accepted, Go refuses (" + c.goError() + "): " + show(c.expression()));
        continue;
      }
      for (Map.Entry<String, Boolean> t : c.matches().entrySet()) {
        if (f.test(labelled(t.getKey())) != t.getValue()) {
          wrong.add("match " + show(c.expression()) + " on " + show(t.getKey()) + ": Go says "
              + t.getValue());
        }
      }
    }
    assertTrue(wrong.isEmpty(), wrong.size() + " disagreements with Go 1.19, first: "
        + wrong.subList(0, Math.min(20, wrong.size())));
  }

  @Test
  void aSampleOfTheCorpusAgreesThroughTheBackendsList() { // the backend re-checks in Java
    // Every 19th small accepted expression with its first 8 texts, until they need 400
    // containers: a few seconds on a networked database.
    Map<RegexCorpus.Case, List<String>> sample = new LinkedHashMap<>();
    Map<String, String> idOf = new TreeMap<>();
    List<RegexCorpus.Case> cases = RegexCorpus.cases();
    for (int i = 0; i < cases.size() && idOf.size() < 400; i += 19) {
      RegexCorpus.Case c = cases.get(i);
      if (c.accepted() && c.expression().length() <= 200) {
        List<String> texts = c.matches().keySet().stream().limit(8).toList();
        sample.put(c, texts);
        for (String text : texts) {
          idOf.computeIfAbsent(text, t -> String.format("t%05d", idOf.size()));
        }
      }
    }
    idOf.forEach((text, id) -> create(container(id).label("v", text)));
    List<String> wrong = new ArrayList<>();
    sample.forEach((c, texts) -> {
      List<String> found = ids(list(filter(c.expression())));
      for (String t : texts) {
        if (found.contains(idOf.get(t)) != c.matches().get(t)) {
          wrong.add(show(c.expression()) + " on " + show(t) + ": Go says " + c.matches().get(t));
        }
      }
    });
    assertTrue(sample.size() >= 40, "sample of " + sample.size());
    assertTrue(wrong.isEmpty(), wrong.size() + " disagreements, first: "
        + wrong.subList(0, Math.min(20, wrong.size())));
  }

  @Test
  void refusedExpressionsFailTheBackendsListAndTheStoreStaysUsable() { // D-8, D-14
    create(container("x").label("v", "x"));
    for (String expr : List.of("(?P<n>x)((a{1000}){1000}){1000}", "(?P<n>x)(a{100}){20}",
        "\\p{Unknown}", "\\ä", "(?<n>x)", "(".repeat(1000) + "a" + ")".repeat(1000),
        "(?:" + "a".repeat(4000) + "){1000}", "a".repeat(MAX_EXPRESSION + 1))) {
      InvalidArgumentException e = assertInvalid(() -> list(filter(expr)));
      assertTrue(e.getMessage().contains("invalid regular expression"), e.getMessage());
      assertEquals(List.of("x"), ids(list("labels.v~=^x$")));
    }
  }

  @Test
  void acceptedIssueExamplesMatchThroughTheBackendsList() { // D-14
    create(container("adlam").label("v", "\uD83A\uDD22"));
    create(container("brace").label("v", "a{"));
    create(container("digit").label("v", "\u0663"));
    create(container("upper").label("v", "Q"));
    create(container("xy").label("v", "xy"));
    assertEquals(List.of("adlam"), ids(list(filter("\\p{Adlam}"))));
    assertEquals(List.of("adlam", "upper"), ids(list(filter("^\\pL$"))));
    assertEquals(List.of("adlam", "upper"), ids(list(filter("(?i)^\\p{Ll}$"))));
    assertEquals(List.of("brace"), ids(list(filter("a{+"))));
    assertEquals(List.of("digit"), ids(list(filter("\\p{Arabic}"))));
    assertEquals(List.of("xy"), ids(list(filter("(?P<a>x)(?P<a>y)"))));
    assertEquals(List.of("upper"), ids(list(filter("(".repeat(999) + "Q" + ")".repeat(999)))));
  }

  @Test
  void quotedEscapesAbove10ffffAreParseErrors() { // D-15
    create(container("x").label("v", "\uDBFF\uDFFF"));
    assertInvalid(() -> list("labels.v~=\"\\U00110000\""));
    assertInvalid(() -> list("labels.v==\"\\U00110000\""));
    assertEquals(List.of("x"), ids(list("labels.v~=\"\\U0010FFFF\"")));
  }

  @Test
  void labelPathWithAKeyOver4096BytesIsInvalidEvenWhenItDeletes() { // containerd validates the merge
    create(container("x").label("v", "1"));
    String key = "k".repeat(4097);
    assertInvalid(() -> update(container("x"), "labels." + key));
    assertEquals(Map.of("v", "1"), get("x").labels());
    update(container("x"), "labels.v");
    assertEquals(Map.of(), get("x").labels());
  }

  private static String show(String s) {
    String q = RegexCorpus.filterQuoted(s);
    return q.length() <= 120 ? q : q.substring(0, 120) + "…(" + s.length() + " chars)";
  }
}
