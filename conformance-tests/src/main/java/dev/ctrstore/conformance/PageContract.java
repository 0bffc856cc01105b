package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.container;
import static dev.ctrstore.conformance.Fixtures.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Page;
import dev.ctrstore.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pages ({@link Feature#PAGES}): keyset pages in id order whose opaque tokens are bound to their
 * namespace and filters; tampered or foreign tokens are {@code INVALID_ARGUMENT}; paging through
 * a changing namespace returns every container that existed throughout exactly once, in order.
 */
public abstract class PageContract extends Contract {
  protected PageContract(StoreConformanceTest kit) {
    super(kit);
  }

  @BeforeEach
  void requireFeature() {
    assumeSupported(Feature.PAGES);
  }

  private List<String> walk(int limit, String... filters) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      Page p = store().page(context(), limit, token, filters);
      assertTrue(p.containers().size() <= limit);
      if (p.nextPageToken() != null) {
        assertEquals(limit, p.containers().size(), "only the last page may be short");
      }
      out.addAll(ids(p.containers()));
      token = p.nextPageToken();
    } while (token != null);
    return out;
  }

  private List<String> createNumbered(int n) {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format("p%03d", i);
      create(container(id).label("parity", i % 2 == 0 ? "even" : "odd"));
      made.add(id);
    }
    return made;
  }

  @Test
  void pagesWalkEveryMatchInIdOrderAtAnyLimit() {
    List<String> all = createNumbered(23);
    for (int limit : new int[] {1, 2, 5, 22, 23, 24, 1000}) {
      assertEquals(all, walk(limit), "limit " + limit);
    }
    assertEquals(ids(list("labels.parity==odd")), walk(4, "labels.parity==odd"));
    assertEquals(ids(list("labels.parity==even", "id==p001")),
        walk(3, "labels.parity==even", "id==p001"));
    Page exact = store().page(context(), 23, null);
    assertNull(exact.nextPageToken(), "a full last page has no token to an empty one");
    Page empty = store().page(context(), 5, null, "labels.none==x");
    assertTrue(empty.containers().isEmpty());
    assertNull(empty.nextPageToken());
  }

  @Test
  void aPageEqualsWhatListReturns() {
    createNumbered(7);
    Page p = store().page(context(), 3, null);
    assertEquals(list().subList(0, 3), p.containers());
    if (supports(Feature.REVISIONS)) {
      assertEquals(store().revision(context()), p.revision(), "read at the current revision");
    }
  }

  @Test
  void tokensAreOpaqueUrlSafeAndBoundToTheirFilters() {
    createNumbered(10);
    String token = store().page(context(), 3, null, "labels.parity").nextPageToken();
    assertNotNull(token);
    assertTrue(token.matches("[A-Za-z0-9_-]+"), () -> "URL-safe: " + token);
    assertEquals("p003",
        store().page(context(), 3, token, "labels.parity").containers().get(0).id());
    assertInvalid(() -> store().page(context(), 3, token));
    assertInvalid(() -> store().page(context(), 3, token, "labels.parity==odd"));
    assertInvalid(() -> store().page(Context.withNamespace(Fixtures.newNamespace()), 3, token,
        "labels.parity"));
  }

  @Test
  void tamperedTokensAreInvalidArguments() {
    createNumbered(10);
    String token = store().page(context(), 3, null).nextPageToken();
    assertNotNull(token);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < token.length(); i++) {
      char other = alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 17) % alphabet.length());
      String tampered = token.substring(0, i) + other + token.substring(i + 1);
      assertInvalid(() -> store().page(context(), 3, tampered));
    }
    for (String junk : new String[] {"", "x", "not a token", "%%%", token + token,
        token.substring(0, token.length() / 2)}) {
      assertInvalid(() -> store().page(context(), 3, junk));
    }
  }

  @Test
  void badArgumentsAreRejectedAfterTheNamespace() {
    assertInvalid(() -> store().page(context(), 0, null));
    assertInvalid(() -> store().page(context(), -1, null));
    assertInvalid(() -> store().page(context(), 5, null, "labels.a=="));
    assertNoNamespace(() -> store().page(Context.empty(), 0, "junk", "labels.a=="));
  }

  @Test
  void pagingWhileOthersWriteReturnsEveryStableContainerOnceInOrder() throws Exception {
    List<String> stable = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      String id = String.format("s%03d", i);
      create(container(id));
      stable.add(id);
    }
    Store s = store();
    Context c = context();
    AtomicBoolean stop = new AtomicBoolean();
    Thread churn = new Thread(() -> {
      int i = 0;
      while (!stop.get()) {
        // ids that sort between the stable ones, created and deleted while paging goes on
        String id = String.format("s%03d-churn", (i * 37) % 150);
        s.create(c, container(id).build());
        s.update(c, container(String.format("s%03d", (i * 53) % 150)).image("u" + i).build());
        s.delete(c, id);
        i++;
      }
    });
    churn.start();
    List<String> seen = new ArrayList<>();
    try {
      String token = null;
      do {
        Page p = s.page(c, 7, token);
        seen.addAll(ids(p.containers()));
        token = p.nextPageToken();
        Thread.sleep(2);
      } while (token != null);
    } finally {
      stop.set(true);
      churn.join();
    }
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i - 1).compareTo(seen.get(i)) < 0,
          "strictly increasing ids (so none twice): " + seen.get(i - 1) + ", " + seen.get(i));
    }
    Set<String> got = new HashSet<>(seen);
    for (String id : stable) {
      assertTrue(got.contains(id), () -> "stable container " + id + " was skipped");
    }
  }

}
