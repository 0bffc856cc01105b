package dev.ctrstore.internal;

import dev.ctrstore.Container;
import dev.ctrstore.Page;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.Storage;
import java.util.ArrayList;
import java.util.List;

/** Reads one keyset page inside a read transaction: candidates after a key, filtered, limited. */
public final class Paging {
  private static final int MIN_CHUNK = 64;

  private Paging() {}

  /**
   * The page of matches after {@code afterId}. Reads one match more than {@code limit} to know
   * whether a next page exists, so the last page never hands out a token to an empty one.
   */
  public static Page page(Storage.Reader r, String namespace, Filter filter, String[] filters,
      String afterId, int limit, long revision) {
    List<Container> matches = new ArrayList<>();
    String cursor = afterId;
    int want = limit == Integer.MAX_VALUE ? limit : limit + 1;
    int chunk = Math.max(MIN_CHUNK, want);
    while (matches.size() < want) {
      List<Container> candidates = r.candidatesAfter(filter, cursor, chunk);
      for (Container c : candidates) {
        if (matches.size() < want && filter.test(c)) {
          matches.add(c);
        }
      }
      if (candidates.size() < chunk) {
        break;
      }
      cursor = candidates.get(candidates.size() - 1).id();
    }
    if (matches.size() <= limit) {
      return Page.of(matches, null, revision);
    }
    List<Container> page = matches.subList(0, limit);
    return Page.of(page, PageTokens.encode(namespace, filters, page.get(limit - 1).id()), revision);
  }
}
