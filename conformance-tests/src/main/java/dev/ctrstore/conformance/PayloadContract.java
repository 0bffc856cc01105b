package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.any;
import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.emptyAny;
import static dev.ctrstore.conformance.Fixtures.untimed;
import static dev.ctrstore.conformance.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.RuntimeInfo;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every field at its extremes comes back byte for byte (docs/semantics.md §1): through {@code
 * get}, {@code list}, {@code stream}, and after an update that rewrites the record. These are
 * what a storage's column types, encodings and size limits get wrong: blobs cut at 64 KiB, an
 * empty value stored as SQL NULL, a 3-byte UTF-8 charset, strings cut at a NUL.
 */
public abstract class PayloadContract extends Contract {
  /** A string with a NUL, a supplementary character, a noncharacter and a combining mark. */
  static final String ODD = "a\0b😀\uFFFFe\u0301 ";

  protected PayloadContract(StoreConformanceTest kit) {
    super(kit);
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /**
   * Creates {@code input} and checks that create, get, list and stream give it back; then
   * rewrites the record with an update of its image and checks the same again.
   */
  private void assertRoundTrips(Container input) {
    Container created = store().create(context(), input);
    assertEquals(input, untimed(created), "create returns the input");
    assertStored(created);
    Container updated = store().update(context(),
        container(input.id()).image(input.image() + "!").build(), "image");
    assertEquals(input.toBuilder().image(input.image() + "!").build(), untimed(updated),
        "an update of the image keeps every other field");
    assertStored(updated);
  }

  private void assertStored(Container c) {
    assertEquals(c, get(c.id()), "get");
    assertEquals(List.of(c), list("id==" + c.id()), "list");
    if (supports(Feature.STREAM)) {
      try (Stream<Container> s = store().stream(context(), "id==" + c.id())) {
        assertEquals(List.of(c), s.toList(), "stream");
      }
    }
  }

  @Test
  void specOfOneMebibyte() {
    assertRoundTrips(container("big").spec(any(Fixtures.SPEC_TYPE, randomBytes(1 << 20, 1)))
        .build());
  }

  @Test
  void largestRecordTheBackendPromises() {
    long total = kit().largestRecordBytes();
    assertTrue(total >= 1 << 20, "a backend must hold records of at least 1 MiB: " + total);
    int quarter = (int) ((total - 4096) / 4);
    Container c = container("largest")
        .spec(any(Fixtures.SPEC_TYPE, randomBytes(quarter * 2, 2)))
        .runtime(new RuntimeInfo(Fixtures.RUNTIME, any("t/o", randomBytes(quarter / 2, 3))))
        .extension("a", any("t/a", randomBytes(quarter / 2, 4)))
        .extension("b", any("t/b", randomBytes(quarter, 5)))
        .build();
    assertRoundTrips(c);
  }

  @Test
  void extensionsAndRuntimeOptionsOver64KiB() {
    Any options = any("t/options", randomBytes(100_000, 6));
    Map<String, Any> ext = new TreeMap<>();
    ext.put("just-over", any("t/e1", randomBytes(65_537, 7)));
    ext.put("large", any("t/e2", randomBytes(300_000, 8)));
    ext.put("k".repeat(32768), any("t/e3", "the longest key"));
    assertRoundTrips(container("c").runtime(new RuntimeInfo(Fixtures.RUNTIME, options))
        .extensions(ext).build());
    Any replaced = any("t/e4", randomBytes(200_000, 9));
    Container out = update(container("c").extension("large", replaced), "extensions.large");
    assertEquals(replaced, out.extensions().get("large"));
    assertEquals(out, get("c"));
  }

  @Test
  void emptyAnyAsExtensionValueAndAsRuntimeOptions() {
    assertRoundTrips(container("c").runtime(new RuntimeInfo(Fixtures.RUNTIME, emptyAny()))
        .extension("empty", emptyAny()).extension("full", any("t/x", "x")).build());
    Container out = update(container("c").extension("full", emptyAny()), "extensions.full");
    assertEquals(Map.of("empty", emptyAny(), "full", emptyAny()), out.extensions());
    assertEquals(out, get("c"));
    assertRoundTrips(container("typeonly").spec(any("t/spec", new byte[0]))
        .extension("valueonly", Any.newBuilder().setValue(any("", "v").getValue()).build())
        .build());
  }

  @Test
  void typeUrlsOfTwoKiB() {
    String url = "type.example.com/" + "t".repeat(2048 - 17);
    String wide = "type.example.com/" + "😀".repeat(508);
    assertEquals(2048, utf8(url));
    assertRoundTrips(container("c").spec(any(url, "s"))
        .runtime(new RuntimeInfo(Fixtures.RUNTIME, any(wide, "o")))
        .extension("e", any(url + "e", "e")).extension("w", any(wide, "w")).build());
  }

  @Test
  void aThousandLabels() {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      labels.put("label." + i, "value-" + i + "-" + "v".repeat(i % 97));
    }
    assertRoundTrips(container("c").labels(labels).build());
    assertEquals(List.of("c"), Fixtures.ids(list("labels.label.999==value-999-" + "v".repeat(999 % 97))));
  }

  @Test
  void labelsOf4096Bytes() {
    Map<String, String> labels = new TreeMap<>();
    labels.put("k", "v".repeat(4095));
    labels.put("K".repeat(4095), "v");
    labels.put("half" + "h".repeat(2044), "v".repeat(2048));
    labels.put("wide😀", "😀".repeat(1021) + "abcd");        // 8 + 4084 + 4 bytes
    labels.put("nul\0" + "n".repeat(2044), "\0".repeat(2048));
    labels.forEach((k, v) -> assertEquals(4096, utf8(k) + utf8(v), () -> "key of " + k.length()));
    assertRoundTrips(container("c").labels(labels).build());
  }

  @Test
  void nulAndSupplementaryCharactersInEveryString() {
    Container c = container("c")
        .labels(Map.of(ODD, ODD, "k" + ODD, "v"))
        .image(ODD)
        .runtime(new RuntimeInfo("rt" + ODD, any("t" + ODD, ODD)))
        .spec(any("spec" + ODD, ODD))
        .snapshotter("snap" + ODD)
        .snapshotKey("key" + ODD)
        .sandboxId("sb" + ODD)
        .extension(ODD, any("ext" + ODD, ODD))
        .extension("e", any("", new byte[] {0, 0, 0}))
        .build();
    assertRoundTrips(c);
  }
}
