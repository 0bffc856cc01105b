package dev.ctrstore.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.RuntimeInfo;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile strings (SQL metacharacters, quotes, NUL, lone surrogates, very long strings) in every
 * string a caller controls (ids, label keys and values, image, snapshotter, snapshot key,
 * runtime name, sandbox id, extension keys, type URLs, filters, field paths), and huge label
 * counts: each call either fails with a clear {@link InvalidArgumentException} or stores and
 * returns the value verbatim; never an SQL error (kind UNKNOWN), and no container other than the
 * one addressed changes, in this namespace or another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
  static final AtomicLong INPUTS = new AtomicLong();

  static final List<String> HOSTILE = List.of(
      "'", "\"", "`", "\\", "\\'", "''", "%", "_", "%_%", "*", "?", ";", "--", "#", "/*", "*/",
      "'; DROP TABLE ctr_container; --", "\" OR \"1\"=\"1", "') OR ('1'='1", "1; DELETE FROM ctr_label",
      "x' UNION SELECT * FROM ctrstore_schema_history --", "\\0", "0x00", "%00", "$1", "${jndi:x}",
      "a\u0000b", "\u0000", "\uD800", "x\uDFFFy", "\uDC00\uD800", "\uFFFD", "\uFEFF", "😀",
      "\u202Eevil", "e\u0301", "A", "a ", " a", "\t\n\r", "\u007f", "ключ", "名前",
      "x".repeat(4000), "é".repeat(2047), "😀".repeat(1023), "y".repeat(70_000),
      "labels.x==y", "a,b", "a==b", "\"quoted\"", "{\"json\":1}", "<script>", "null", "NULL");

  Backends backends;

  @BeforeAll
  void open() {
    backends = new Backends();
  }

  @AfterAll
  void close() {
    System.out.println("HostileInputTest: " + INPUTS.get() + " hostile inputs tried");
    if (backends != null) {
      backends.close();
    }
  }

  Stream<String> backendNames() {
    return backends.names().stream();
  }

  /** Where a hostile string can go in a container. */
  static Map<String, BiFunction<Container.Builder, String, Container.Builder>> fields() {
    Map<String, BiFunction<Container.Builder, String, Container.Builder>> f = new LinkedHashMap<>();
    f.put("id", Container.Builder::id);
    f.put("label key", (b, s) -> b.label(s, "v"));
    f.put("label value", (b, s) -> b.label("k", s));
    f.put("image", Container.Builder::image);
    f.put("snapshotter", Container.Builder::snapshotter);
    f.put("snapshot key", (b, s) -> b.snapshotter("overlayfs").snapshotKey(s));
    f.put("runtime name", Container.Builder::runtime);
    f.put("runtime options type", (b, s) -> b.runtime(new RuntimeInfo(Rel.RUNTIME, Rel.any(s, s))));
    f.put("sandbox id", Container.Builder::sandboxId);
    f.put("extension key", (b, s) -> b.extension(s, Rel.any("t/x", s)));
    f.put("spec type", (b, s) -> b.spec(Rel.any(s, s)));
    return f;
  }

  @ParameterizedTest
  @MethodSource("backendNames")
  void hostileStringsAreRefusedOrKeptVerbatim(String backend) {
    Store store = backends.get(backend);
    String ns = Rel.newNamespace();
    String other = Rel.newNamespace();
    Context ctx = Rel.ctx(ns);
    Context otherCtx = Rel.ctx(other);
    Container sentinel = store.create(ctx, Rel.tokened("sentinel", "s"));
    Container foreign = store.create(otherCtx, Rel.tokened("h", "foreign"));
    long stored = 0;
    long refused = 0;
    for (var field : fields().entrySet()) {
      for (String s : HOSTILE) {
        String what = backend + "/" + field.getKey() + "/" + describe(s);
        Container input = field.getValue().apply(
            Container.builder().id("h").runtime(Rel.RUNTIME).spec(Rel.spec("h")), s).build();
        Container created = expectValidOrInvalid(what + " create", () -> store.create(ctx, input));
        INPUTS.incrementAndGet();
        if (created == null) {
          refused++;
        } else {
          stored++;
          assertEquals(Linearizability.untimed(normalizedLabels(input)), Linearizability.untimed(created),
              what + ": returned verbatim");
          assertEquals(created, store.get(ctx, created.id()), what + ": read back verbatim");
          checkFilters(store, ctx, field.getKey(), s, created, what);
          checkPathUpdates(store, ctx, created, s, what);
          store.delete(ctx, created.id());
        }
        // Nothing else changed, here or in another namespace.
        assertEquals(List.of(sentinel), store.list(ctx), what + ": namespace holds only the sentinel");
        assertEquals(List.of(foreign), store.list(otherCtx), what + ": other namespace untouched");
        // Reads with the hostile string as id or filter: not found / invalid, never an SQL error.
        expectKinds(what + " get", () -> store.get(ctx, s), ErrorKind.NOT_FOUND);
        expectKinds(what + " delete", () -> { store.delete(ctx, s); return null; }, ErrorKind.NOT_FOUND);
        expectKinds(what + " update", () -> store.update(ctx, Rel.tokened(s, "u")),
            ErrorKind.NOT_FOUND, ErrorKind.INVALID_ARGUMENT);
        for (String filter : List.of(s, "id==" + Quote.go(s), "labels." + Quote.go(s),
            "image~=" + Quote.go(s), "labels.k==" + s)) {
          Object r = expectKinds(what + " list " + describe(filter), () -> store.list(ctx, filter),
              ErrorKind.INVALID_ARGUMENT);
          if (r instanceof List<?> l) {
            assertTrue(l.isEmpty() || l.equals(List.of(sentinel)), what + ": filter "
                + describe(filter) + " found " + l);
          }
          INPUTS.incrementAndGet();
        }
      }
    }
    assertEquals(sentinel, store.get(ctx, "sentinel"));
    assertEquals(foreign, store.get(otherCtx, "h"));
    assertTrue(stored > 50 && refused > 50, "both outcomes occur: stored " + stored + ", refused " + refused);
    System.out.println("HostileInputTest " + backend + ": " + stored + " stored verbatim, " + refused
        + " refused with InvalidArgument");
  }

  @ParameterizedTest
  @MethodSource("backendNames")
  void hugeLabelCountsRoundTripAndFilter(String backend) {
    Store store = backends.get(backend);
    Context ctx = Rel.ctx(Rel.newNamespace());
    Container sentinel = store.create(ctx, Rel.tokened("sentinel", "s"));
    Map<String, String> labels = new TreeMap<>();
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      labels.put("k" + i + "'\"%_", "v" + i + ";--");
    }
    Container created = store.create(ctx, Rel.tokened("big", "b").toBuilder().labels(labels).build());
    assertEquals(labels, store.get(ctx, "big").labels());
    // One filter string with thousands of selectors, and thousands of strings OR-ed.
    StringBuilder and = new StringBuilder();
    List<String> or = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      String sel = "labels." + Quote.go("k" + i + "'\"%_") + "==" + Quote.go("v" + i + ";--");
      and.append(i == 0 ? "" : ",").append(sel);
      or.add(sel);
    }
    assertEquals(List.of("big"), ids(store.list(ctx, and.toString())));
    assertEquals(List.of("big"), ids(store.list(ctx, or.toArray(String[]::new))));
    assertEquals(List.of(), ids(store.list(ctx, and + ",labels." + Quote.go("k0'\"%_") + "==nope")));
    // Thousands of field paths, half deleting labels, half changing them.
    List<String> paths = new ArrayList<>();
    Map<String, String> change = new TreeMap<>();
    for (int i = 0; i < 5_000; i++) {
      paths.add("labels.k" + i + "'\"%_");
      if (i % 2 == 0) {
        change.put("k" + i + "'\"%_", "new" + i);
      }
    }
    Container updated = store.update(ctx, created.toBuilder().labels(change).build(), paths.toArray(String[]::new));
    Map<String, String> expected = new TreeMap<>(labels);
    for (int i = 0; i < 5_000; i++) {
      if (i % 2 == 0) {
        expected.put("k" + i + "'\"%_", "new" + i);
      } else {
        expected.remove("k" + i + "'\"%_");
      }
    }
    assertEquals(expected, updated.labels());
    assertEquals(updated, store.get(ctx, "big"));
    assertEquals(List.of("big"), ids(store.list(ctx, "labels.\"k0'\\\"%_\"==new0")));
    assertEquals(List.of(), ids(store.list(ctx, "labels.\"k1'\\\"%_\"")));
    assertEquals(sentinel, store.get(ctx, "sentinel"));
    INPUTS.addAndGet(n + 4_000 + 5_000);
  }

  /** {@code c} as stored: a label with an empty value is no label (containerd drops it). */
  private static Container normalizedLabels(Container c) {
    Container.Builder b = c.toBuilder().labels(null);
    c.labels().forEach((k, v) -> {
      if (!v.isEmpty()) {
        b.label(k, v);
      }
    });
    return b.build();
  }

  /** Filters that should find the stored container by its hostile field. */
  private static void checkFilters(Store store, Context ctx, String field, String s, Container c,
      String what) {
    List<String> filters = switch (field) {
      case "label key" -> List.of("labels." + Quote.go(s), "labels." + Quote.go(s) + "==v");
      case "label value" -> List.of("labels.k==" + Quote.go(s));
      case "image" -> s.isEmpty() ? List.of() : List.of("image==" + Quote.go(s));
      case "runtime name" -> List.of("runtime.name==" + Quote.go(s));
      default -> List.of();
    };
    for (String f : filters) {
      Object r = expectKinds(what + " list " + describe(f), () -> store.list(ctx, f), ErrorKind.INVALID_ARGUMENT);
      INPUTS.incrementAndGet();
      if (r instanceof List<?> l) {
        assertEquals(List.of(c), l, what + ": filter " + describe(f) + " finds exactly the container");
      }
    }
  }

  /** Field paths naming the hostile string: refused, or applied to the addressed container only. */
  private static void checkPathUpdates(Store store, Context ctx, Container c, String s, String what) {
    for (String path : List.of("labels." + s, "extensions." + s, s)) {
      Container in = c.toBuilder().label(s.isEmpty() ? "k" : s, "p").extension(s.isEmpty() ? "e" : s,
          Rel.any("t/p", "p")).build();
      Object r = expectKinds(what + " update path " + describe(path),
          () -> store.update(ctx, in, path), ErrorKind.INVALID_ARGUMENT);
      INPUTS.incrementAndGet();
      if (r instanceof Container u) {
        assertEquals(u, store.get(ctx, c.id()), what + ": update by path read back");
      }
    }
  }

  private static Container expectValidOrInvalid(String what, Supplier<Container> call) {
    Object r = expectKinds(what, call::get, ErrorKind.INVALID_ARGUMENT);
    return r instanceof Container c ? c : null;
  }

  /** Runs {@code call}: its value, or the kind of a StoreException among {@code allowed}. */
  private static Object expectKinds(String what, Supplier<Object> call, ErrorKind... allowed) {
    try {
      return call.get();
    } catch (StoreException e) {
      for (ErrorKind k : allowed) {
        if (e.kind() == k) {
          if (k == ErrorKind.INVALID_ARGUMENT && (e.getMessage() == null || e.getMessage().isBlank())) {
            fail(what + ": InvalidArgument without a message");
          }
          return k;
        }
      }
      throw new AssertionError(what + ": unexpected " + e, e);
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": not a StoreException: " + e, e);
    }
  }

  private static List<String> ids(List<Container> cs) {
    return cs.stream().map(Container::id).toList();
  }

  static String describe(String s) {
    String shown = s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + " chars)" : s;
    StringBuilder b = new StringBuilder();
    shown.chars().forEach(ch -> b.append(ch < 0x20 || (ch >= 0xD800 && ch <= 0xDFFF) || ch == 0x7f
        ? String.format("\\u%04x", ch) : String.valueOf((char) ch)));
    return b.toString();
  }
}
