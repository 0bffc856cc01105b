package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.ids;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Filters;
import dev.ctrstore.spi.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Lists and streams of every size a backend's paging could get wrong (docs/semantics.md §9):
 * 0, 1, 499, 500, 501, 1,000, 2,500 and 10,000 containers, with and without filters, in byte
 * order of ids; {@code stream} equals {@code list} element for element; a stream closed early
 * releases what it holds; writes while a stream is open never break it. The data is written
 * through the storage's own write transactions, {@value #BATCH} containers each: one namespace
 * grows from 0 to 10,000 containers, checked at every size on the way.
 */
public abstract class ListStreamContract extends Contract {
  /** Filters each size is listed with; results must equal {@link Filter#test} over all. */
  static final List<String> FILTERS = List.of("labels.parity==even", "id~=^[a-m]",
      "labels.n~=7$,labels.parity==odd", "labels.parity!=even,id~=\\.1", "labels.none",
      "labels.parity==odd", "image==nothing");

  /** Writes made while a stream is open: updates, deletes and creates all over its range. */
  private static final int WRITES = 12;

  /** Around the page sizes backends choose (JDBC: 500), and large. */
  static final int[] SIZES = {0, 1, 499, 500, 501, 1000, 2500, 10000};

  protected ListStreamContract(StoreConformanceTest kit) {
    super(kit);
  }

  /**
   * {@code n} containers with random ids that sort in a different order than they are made
   * ({@code <random alphanumerics>.<n in base 36>}), labelled by parity and number.
   */
  static List<Container> containers(int n, long seed) {
    Random random = new Random(seed);
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    List<Container> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder id = new StringBuilder();
      for (int len = 1 + random.nextInt(6); len > 0; len--) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      id.append('.').append(Integer.toString(i, 36));
      out.add(container(id.toString()).label("parity", i % 2 == 0 ? "even" : "odd")
          .label("n", Integer.toString(i)).build());
    }
    return out;
  }

  private static List<Container> expected(List<Container> all, String filter) {
    Filter f = Filters.parse(filter);
    return all.stream().filter(f).toList();
  }

  private static List<Container> drain(Store s, Context c, String... filters) {
    try (Stream<Container> stream = s.stream(c, filters)) {
      return stream.toList();
    }
  }

  /**
   * One namespace grows through the sizes (the containers of a smaller size are a prefix of
   * those of a larger one), and the checks of each size run while it holds exactly that many.
   */
  @TestFactory
  Stream<DynamicNode> everySizeListsAndStreamsInIdOrder() {
    Context c = context();
    Store s = storeOverStorage();
    List<Container> all = containers(SIZES[SIZES.length - 1], 7);
    List<Container> stored = new ArrayList<>();
    int[] held = {0};
    return Arrays.stream(SIZES).mapToObj(n -> {
      stored.addAll(insertThroughStorage(storage(), c, all.subList(held[0], n)));
      held[0] = n;
      List<Container> sorted = new ArrayList<>(stored);
      sorted.sort((a, b) -> a.id().compareTo(b.id())); // ASCII ids: String order is byte order
      return dynamicContainer(n + " containers", Stream.of(
          dynamicTest("list holds every container in id order", () -> {
            List<Container> listed = s.list(c);
            assertEquals(ids(sorted), ids(listed), "ids in byte order");
            assertEquals(sorted, listed, "every field as stored");
          }),
          dynamicTest("filtered lists equal Filter.test over every container", () -> {
            for (String filter : FILTERS) {
              assertEquals(ids(expected(sorted, filter)), ids(s.list(c, filter)), filter);
            }
          }),
          dynamicTest("stream equals list element for element", () -> {
            assumeSupported(Feature.STREAM);
            assertEquals(s.list(c), drain(s, c));
            for (String filter : FILTERS) {
              assertEquals(s.list(c, filter), drain(s, c, filter), filter);
            }
          })));
    });
  }

  @Test
  void streamsClosedEarlyReleaseWhatTheyHold() {
    assumeSupported(Feature.STREAM);
    Storage own = kit().newStorage();
    Store s = Stores.over(own);
    boolean closed = false;
    try {
      Context c = context();
      insertThroughStorage(own, c, containers(600, 11));
      for (int i = 0; i < 25; i++) {
        String filter = i % 2 == 0 ? "" : "labels.parity==odd";
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
          try (Stream<Container> stream = s.stream(c, filter)) {
            Iterator<Container> it = stream.iterator();
            assertTrue(it.hasNext());
            it.next();
          }
        }, () -> "a stream opened after earlier ones were closed early");
      }
      assertEquals(600, s.list(c).size());
      closed = true;
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertDoesNotThrow(own::close),
          "the storage closes cleanly once its streams are closed");
    } finally {
      if (!closed) {
        own.close();
      }
    }
  }

  @Test
  void writesWhileAStreamIsOpenNeverBreakIt() {
    assumeSupported(Feature.STREAM);
    Store s = storeOverStorage();
    Context c = context();
    List<Container> originals = new ArrayList<>(insertThroughStorage(storage(), c, containers(1200, 13)));
    originals.sort((a, b) -> a.id().compareTo(b.id()));
    Map<String, Container> updated = new HashMap<>();
    List<String> deleted = new ArrayList<>();
    List<Container> seen = new ArrayList<>();
    try (Stream<Container> stream = s.stream(c)) {
      Iterator<Container> it = stream.iterator();
      for (int i = 0; i < 10; i++) {
        seen.add(it.next());
      }
      for (int i = 0; i < WRITES; i++) {
        Container target = originals.get(20 + i * 97);
        if (i % 2 == 0) {
          updated.put(target.id(), s.update(c, container(target.id()).label("w", "1").build(),
              "labels.w"));
        } else {
          s.delete(c, target.id());
          deleted.add(target.id());
        }
        s.create(c, container(target.id() + "x").build());
      }
      it.forEachRemaining(seen::add);
    }
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i - 1).id().compareTo(seen.get(i).id()) < 0,
          () -> "stream out of order or repeated: " + ids(seen));
    }
    Map<String, Container> byId = new HashMap<>();
    seen.forEach(x -> byId.put(x.id(), x));
    for (Container o : originals) {
      Container got = byId.get(o.id());
      if (updated.containsKey(o.id())) {
        assertTrue(o.equals(got) || updated.get(o.id()).equals(got), () -> "version of " + o.id());
      } else if (!deleted.contains(o.id())) {
        assertEquals(o, got, "a container no write touched");
      }
    }
    assertEquals(1200 - deleted.size() + WRITES, s.list(c).size());
  }
}
