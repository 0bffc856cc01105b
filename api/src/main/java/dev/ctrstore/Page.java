package dev.ctrstore;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@link Store#page}: at most the requested number of matching containers in id
 * order, the token for the next page and the namespace revision the page was read at. Immutable.
 */
public final class Page {
  private final List<Container> containers;
  private final @Nullable String nextPageToken;
  private final long revision;

  private Page(List<Container> containers, @Nullable String nextPageToken, long revision) {
    this.containers = List.copyOf(containers);
    this.nextPageToken = nextPageToken;
    this.revision = revision;
  }

  /** A page; stores create these. */
  public static Page of(List<Container> containers, @Nullable String nextPageToken, long revision) {
    return new Page(Objects.requireNonNull(containers, "containers"), nextPageToken, revision);
  }

  /** The containers of this page, in id order; unmodifiable. */
  public List<Container> containers() {
    return containers;
  }

  /**
   * The token that asks for the next page (with the same filters), or null when this is the last
   * page. Opaque and URL-safe; it stays valid across restarts of the process.
   */
  public @Nullable String nextPageToken() {
    return nextPageToken;
  }

  /**
   * The namespace revision this page was read at ({@code 0} on a backend that keeps no
   * revisions). The revision of the first page is where an informer starts its watch.
   */
  public long revision() {
    return revision;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Page p
        && containers.equals(p.containers)
        && Objects.equals(nextPageToken, p.nextPageToken)
        && revision == p.revision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(containers, nextPageToken, revision);
  }

  @Override
  public String toString() {
    return "Page{" + containers.size() + " containers, revision " + revision
        + (nextPageToken == null ? ", last" : ", next " + nextPageToken) + "}";
  }
}
