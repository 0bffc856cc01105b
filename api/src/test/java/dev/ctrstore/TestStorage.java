package dev.ctrstore;

import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.Storage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A map-backed {@link Storage} for the engine's tests: copy-on-write transactions, a count of
 * commits, and ids whose insert the "database" rejects (as a column limit would).
 */
final class TestStorage implements Storage {
  final TreeMap<String, TreeMap<String, Container>> namespaces = new TreeMap<>();
  final Set<String> rejected = new HashSet<>();
  int commits;

  @Override
  public synchronized <T> T read(Context ctx, String namespace, ReadWork<T> work) {
    return work.run(new View(namespaces.getOrDefault(namespace, new TreeMap<>())));
  }

  @Override
  public synchronized <T> T write(Context ctx, String namespace, WriteWork<T> work) {
    View tx = new View(new TreeMap<>(namespaces.getOrDefault(namespace, new TreeMap<>())));
    T result = work.run(tx);
    if (!tx.byId.isEmpty()) {
      namespaces.put(namespace, tx.byId);
    }
    commits++;
    return result;
  }

  @Override
  public synchronized List<String> namespaces(Context ctx) {
    return new ArrayList<>(namespaces.keySet());
  }

  @Override
  public void close() {}

  private final class View implements Writer {
    final TreeMap<String, Container> byId;

    View(TreeMap<String, Container> byId) {
      this.byId = byId;
    }

    @Override
    public @Nullable Container get(String id) {
      return byId.get(id);
    }

    @Override
    public List<Container> candidates(Filter filter) {
      return new ArrayList<>(byId.values());
    }

    @Override
    public @Nullable Container getForUpdate(String id) {
      return byId.get(id);
    }

    @Override
    public boolean insert(Container container) {
      if (rejected.contains(container.id())) {
        throw new IllegalStateException("value too long for column");
      }
      return byId.putIfAbsent(container.id(), container) == null;
    }

    @Override
    public void replace(Container previous, Container next) {
      byId.put(next.id(), next);
    }

    @Override
    public boolean delete(String id) {
      return byId.remove(id) != null;
    }
  }
}
