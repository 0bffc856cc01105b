package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.fullContainer;
import static dev.ctrstore.conformance.Fixtures.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.InvalidArgumentException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** List and the filter language (docs/semantics.md §8, §9, decisions D-8 and D-11). */
public abstract class FilterContract extends Contract {
  protected FilterContract(StoreConformanceTest kit) {
    super(kit);
  }

  @Test
  void emptyNamespaceListsNothing() {
    assertEquals(List.of(), list());
    assertEquals(List.of(), list("id==x"));
  }

  @Test
  void ordersByIdInByteOrder() { // §9, D-11
    List<String> sorted = List.of("0", "9z", "B", "Z", "a", "a-0", "a-1", "a.1", "a1", "a_1",
        "aa", "b", "x_x");
    List<String> shuffled = new ArrayList<>(sorted);
    Collections.shuffle(shuffled, new Random(7));
    for (String id : shuffled) {
      create(container(id).label("k", "v"));
    }
    assertEquals(sorted, ids(list()));
    assertEquals(sorted, ids(list("labels.k==v")));
    assertEquals(sorted, ids(list("labels.k", "")));
  }

  @Test
  void noFilterAndTheEmptyStringMatchEverything() {
    create(container("x").label("env", "prod"));
    create(container("y"));
    assertEquals(List.of("x", "y"), ids(list()));
    assertEquals(List.of("x", "y"), ids(list("")));
    assertEquals(List.of("x", "y"), ids(list("labels.env==dev", "")));
  }

  @Test
  void listedContainersEqualWhatGetReturns() {
    Container a = create(fullContainer("a"));
    Container b = create(container("b"));
    assertEquals(List.of(a, b), list());
    assertEquals(List.of(get("a"), get("b")), list());
  }

  @Test
  void whitespaceOnlyFilterIsInvalid() {
    create(container("x"));
    assertInvalid(() -> list(" "));
    assertInvalid(() -> list("\t"));
  }

  @Test
  void oneBadStringFailsTheWholeCall() {
    create(container("bare"));
    assertInvalid(() -> list("id==bare", "bad("));
    assertInvalid(() -> list("bad(", "id==bare"));
  }

  @Test
  void invalidRegularExpressionIsInvalidArgumentNamingIt() { // D-8
    create(container("x").image("img"));
    InvalidArgumentException e = assertInvalid(() -> list("image~=[a-"));
    assertTrue(e.getMessage().contains("[a-"), e.getMessage());
    assertInvalid(() -> list("id~=(?<name>x)|(?=y)"));
    assertInvalid(() -> list("id~=a\\Z"));
  }

  @Test
  void emptyValuedLabelsCanNeverMatch() {
    create(container("x").label("gone", "").label("kept", "1"));
    assertEquals(List.of(), list("labels.gone"));
    assertEquals(List.of(), list("labels.gone==\"\""));
    assertEquals(List.of(), list("labels.gone!=\"\""));
    assertEquals(List.of("x"), ids(list("labels.gone!=x")));
    assertEquals(List.of("x"), ids(list("labels.kept")));
  }

  @Test
  void fieldsFiltersCannotSeeAreNeverPresent() { // §8.5, D-10
    create(fullContainer("x"));
    for (String field : List.of("snapshotter", "snapshotkey", "snapshotKey", "sandbox",
        "sandboxId", "spec", "extensions", "extensions.ext1", "createdat", "updatedat",
        "runtime", "runtime.options", "ID", "Labels", "labels")) {
      assertEquals(List.of(), list(field), field);
      assertEquals(List.of(), list(field + "~=\".+\""), field);
      assertEquals(List.of("x"), ids(list(field + "!=x")), field);
    }
  }

  @Test
  void trailingSpacesInValuesAreSignificant() { // §14: no PAD SPACE comparison
    create(container("x").label("v", "a "));
    create(container("y").label("v", "a"));
    assertEquals(List.of("y"), ids(list("labels.v==a")));
    assertEquals(List.of("x"), ids(list("labels.v==\"a \"")));
  }

  @Test
  void comparisonsAreByteExactAndCaseSensitive() {
    create(container("x").label("env", "Prod").image("Img"));
    create(container("y").label("Env", "prod").image("img"));
    create(container("z").label("env", "prödúct"));
    assertEquals(List.of("x"), ids(list("labels.env==Prod")));
    assertEquals(List.of(), list("labels.env==PROD"));
    assertEquals(List.of("y"), ids(list("image==img")));
    assertEquals(List.of("z"), ids(list("labels.env==\"prödúct\"")));
    assertEquals(List.of(), list("labels.env==\"product\""));
  }

  @Test
  void labelKeyWithNulIsAddressedByAnEscape() {
    create(container("x").label("a\0b", "v"));
    assertEquals(List.of("x"), ids(list("labels.\"a\\x00b\"==v")));
    assertEquals(List.of("x"), ids(list("labels.\"a\\000b\"")));
  }

  @Test
  void regularExpressionsRunInLinearTime() {
    create(container("x").label("v", "a".repeat(4000) + "!"));
    List<Container> found = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> list("labels.v~=^(a+)+$", "labels.v~=(a|aa)+$,labels.v~=^x"));
    assertEquals(List.of(), found);
  }

  @Test
  void regularExpressionsUseGoSyntax() { // §8.7
    create(container("x").label("v", "abc\n"));
    create(container("y").label("v", "Ωmega"));
    assertEquals(List.of(), list("labels.v~=c$"), "Go's $ matches only at the very end");
    assertEquals(List.of("y"), ids(list("labels.v~=(?i)ωMEGA")), "(?i) folds Unicode case");
    assertEquals(List.of("y"), ids(list("labels.v~=\\p{Greek}")));
    assertEquals(List.of("x"), ids(list("labels.v~=^[[:alpha:]]+\\n$")));
    assertEquals(List.of("x"), ids(list("labels.v~=(?P<n>abc)")));
  }

  @TestFactory
  Stream<DynamicTest> workedExamplesOfTheReference() { // §8.9 with D-8
    Context c = context();
    for (Container sample : FilterExamples.samples()) {
      store().create(c, sample);
    }
    return examples(c, FilterExamples.rows());
  }

  @TestFactory
  Stream<DynamicTest> tokenizerRulesOfTheReference() { // §8.3–§8.7 beyond the worked examples
    Context c = context();
    for (Container sample : FilterExamples.samples()) {
      store().create(c, sample);
    }
    return examples(c, FilterExamples.tokenizerRows());
  }

  private Stream<DynamicTest> examples(Context c, List<FilterExamples.Row> rows) {
    return rows.stream().map(row -> dynamicTest(row.toString(), () -> {
      if (row.isError()) {
        assertInvalid(() -> store().list(c, row.filters()));
      } else {
        assertEquals(row.expectedIds(), ids(store().list(c, row.filters())));
      }
    }));
  }

  @Test
  void filtersSeeEveryWriteAndOnlyCommittedOnes() { // indexes, caches and push-downs stay true
    create(container("x").label("env", "prod").image("i1"));
    assertEquals(List.of("x"), ids(list("labels.env==prod")));
    update(container("x").label("env", "dev"), "labels.env");
    assertEquals(List.of(), list("labels.env==prod"));
    assertEquals(List.of("x"), ids(list("labels.env==dev")));
    assertInvalid(() -> update(container("x").label("env", "v".repeat(4096)), "labels.env"));
    assertEquals(List.of("x"), ids(list("labels.env==dev")));
    update(container("x").image("i2"), "image");
    assertEquals(List.of(), list("image==i1"));
    assertEquals(List.of("x"), ids(list("image==i2", "labels.nope")));
    update(container("x"), "labels");
    assertEquals(List.of(), list("labels.env"));
    assertEquals(List.of("x"), ids(list("labels.env!=dev")));
    delete("x");
    assertEquals(List.of(), list("image==i2"));
    create(container("x").label("env", "prod"));
    assertEquals(List.of("x"), ids(list("labels.env==prod")));
    assertEquals(List.of(), list("image==i2"));
  }

  @Test
  void equalityIsNotAPatternMatch() { // §14: no LIKE wildcards
    create(container("a_c").label("v", "a%"));
    create(container("abc").label("v", "abc"));
    assertEquals(List.of("a_c"), ids(list("id==a_c")));
    assertEquals(List.of("a_c"), ids(list("labels.v==a%")));
    assertEquals(List.of(), list("labels.v==a_c"));
  }

  @Test
  void largeNamespaceListsCompletelyAndInOrder() { // §9: no limit, no pagination
    List<String> expected = new ArrayList<>();
    List<String> even = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      expected.add(String.format("n%03d", i));
      if (i % 2 == 0) {
        even.add(String.format("n%03d", i));
      }
    }
    List<String> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(3));
    for (String id : shuffled) {
      int n = Integer.parseInt(id.substring(1));
      create(container(id).label("parity", n % 2 == 0 ? "even" : "odd"));
    }
    assertEquals(expected, ids(list()));
    assertEquals(even, ids(list("labels.parity==even")));
    if (supports(Feature.STREAM)) {
      try (Stream<Container> s = store().stream(context(), "labels.parity==even")) {
        assertEquals(even, ids(s.toList()));
      }
    }
  }

  @Test
  void nullFilterStringIsInvalid() {
    assertInvalid(() -> list((String) null));
    assertInvalid(() -> list("id==x", null));
  }

  @Test
  void streamGivesWhatListGives() {
    assumeSupported(Feature.STREAM);
    for (String id : List.of("b", "A", "a", "0")) {
      create(container(id).label("k", id));
    }
    try (Stream<Container> s = store().stream(context())) {
      assertEquals(list(), s.toList());
    }
    try (Stream<Container> s = store().stream(context(), "labels.k~=^[a-z]$")) {
      assertEquals(List.of("a", "b"), ids(s.toList()));
    }
  }

  @Test
  void streamReportsListErrors() {
    assumeSupported(Feature.STREAM);
    assertInvalid(() -> {
      try (Stream<Container> s = store().stream(context(), "bad(")) {
        s.count();
      }
    });
    assertNoNamespace(() -> {
      try (Stream<Container> s = store().stream(Context.empty())) {
        s.count();
      }
    });
  }
}
