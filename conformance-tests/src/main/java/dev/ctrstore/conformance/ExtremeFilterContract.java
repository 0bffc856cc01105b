package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.RuntimeInfo;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Filters over extreme values (docs/semantics.md §8, §14): {@code ==}, {@code !=}, presence and
 * {@code ~=} on 4096-byte labels, and on ids, images, runtimes and labels that differ only by
 * case, trailing spaces, NFC/NFD form, a NUL or a supplementary character. The result of every
 * filter, through {@code list} and {@code stream}, must equal {@link Filter#test} applied to
 * every container: a storage's candidates may be a superset, never miss one (an index that cuts
 * long values, folds case, pads spaces or normalises Unicode does).
 */
public abstract class ExtremeFilterContract extends Contract {
  private static final String LONG_KEY = "k".repeat(4095);
  private static final String LONG_VALUE = "v".repeat(4093);
  private static final String WIDE_VALUE = "😀".repeat(1023);
  private static final String NFC = "caf\u00e9";
  private static final String NFD = "cafe\u0301";

  protected ExtremeFilterContract(StoreConformanceTest kit) {
    super(kit);
  }

  /** The containers every filter runs over. */
  static List<Container> containers() {
    List<Container> out = new ArrayList<>();
    out.add(container("long-key").label(LONG_KEY, "1").image("img").build());
    out.add(container("long-key-2").label(LONG_KEY, "2").image("img ").build());
    out.add(container("long-value").label("v", LONG_VALUE).image("IMG").build());
    out.add(container("long-value-2").label("v", LONG_VALUE.substring(1) + "w").build());
    out.add(container("wide").label("v", WIDE_VALUE).label("wide😀", "x").build());
    out.add(container("nfc").label("v", NFC).image(NFC).label(NFC, "key").build());
    out.add(container("nfd").label("v", NFD).image(NFD).label(NFD, "key").build());
    out.add(container("space").label("v", "a ").image("a ").runtime("rt ").build());
    out.add(container("nospace").label("v", "a").image("a").runtime("rt").build());
    out.add(container("upper").label("V", "A").image("A").runtime("RT").build());
    out.add(container("UPPER").label("v", "A").image("a").build());
    out.add(container("nul").label("v", "a\0").label("n\0", "a").image("a\0b").build());
    out.add(container("supp").label("v", "a😀").image("a😀").runtime("rt😀").build());
    out.add(container("bmp").label("v", "a\uFFFF").image("a\uFFFF")
        .runtime(new RuntimeInfo("rt\uFFFF", null)).build());
    return out;
  }

  /** Filters over those containers, each quoting its values. */
  static List<String> filters() {
    List<String> out = new ArrayList<>();
    for (String key : List.of(LONG_KEY, "v", "V", "wide😀", NFC, NFD, "n\0")) {
      out.add("labels." + quote(key));
      out.add("labels." + quote(key) + "==1");
      out.add("labels." + quote(key) + "!=1");
    }
    for (String value : List.of(LONG_VALUE, LONG_VALUE.substring(1) + "w", WIDE_VALUE, NFC, NFD,
        "a", "a ", "A", "a\0", "a😀", "a\uFFFF", "a\uD83D\uDE01")) {
      out.add("labels.v==" + quote(value));
      out.add("labels.v!=" + quote(value));
      out.add("image==" + quote(value));
      out.add("image!=" + quote(value));
    }
    for (String runtime : List.of("rt", "rt ", "RT", "rt😀", "rt\uFFFF", "r")) {
      out.add("runtime.name==" + quote(runtime));
      out.add("runtime.name!=" + quote(runtime) + ",labels.v");
    }
    for (String id : List.of("upper", "UPPER", "Upper", "nfc", "space")) {
      out.add("id==" + id);
      out.add("id!=" + id);
    }
    out.add("labels.v~=^v{1000}");
    out.add("labels.v~=😀$");
    out.add("labels.v~=(?i)^a$");
    out.add("labels.v~=^a\\x00$");
    out.add("image~=\\s$");
    out.add("labels." + quote(LONG_KEY) + ",image==img");
    return out;
  }

  /** A quoted filter value: backslash and quote escaped, control characters as {@code \xNN}. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints().forEach(cp -> {
      if (cp == '"' || cp == '\\') {
        b.append('\\').appendCodePoint(cp);
      } else if (cp < 0x20) {
        b.append(String.format("\\x%02x", cp));
      } else {
        b.appendCodePoint(cp);
      }
    });
    return b.append('"').toString();
  }

  @TestFactory
  Stream<DynamicTest> everyFilterEqualsFilterTestOverEveryContainer() {
    Context c = context();
    List<Container> stored = new ArrayList<>();
    for (Container x : containers()) {
      stored.add(store().create(c, x));
    }
    stored.sort((a, b) -> a.id().compareTo(b.id()));
    return filters().stream().map(f -> dynamicTest(f.length() > 60 ? f.substring(0, 60) + "…" : f,
        () -> {
          Filter parsed = Filters.parse(f);
          List<Container> expected = stored.stream().filter(parsed).toList();
          assertEquals(ids(expected), ids(store().list(c, f)), "list");
          assertEquals(expected, store().list(c, f), "list: every field");
          if (supports(Feature.STREAM)) {
            try (Stream<Container> s = store().stream(c, f)) {
              assertEquals(expected, s.toList(), "stream");
            }
          }
        }));
  }
}
