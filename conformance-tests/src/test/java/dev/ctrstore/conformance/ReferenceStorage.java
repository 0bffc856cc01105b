package dev.ctrstore.conformance;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.Storage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The simplest correct {@link Storage}: one lock, copy-on-write namespaces. Lets the kit test
 * itself inside its own module, independently of any backend.
 */
final class ReferenceStorage implements Storage {
  private final Map<String, TreeMap<String, Container>> namespaces = new HashMap<>();

  /** The namespaces holding a container, sorted (names are ASCII: String order is byte order). */
  @Override
  public synchronized List<String> namespaces(Context ctx) {
    List<String> out = new java.util.ArrayList<>();
    namespaces.forEach((name, byId) -> {
      if (!byId.isEmpty()) {
        out.add(name);
      }
    });
    out.sort(null);
    return out;
  }

  @Override
  public synchronized <T> T read(Context ctx, String namespace, ReadWork<T> work) {
    return work.run(new View(namespaces.getOrDefault(namespace, new TreeMap<>())));
  }

  @Override
  public synchronized <T> T write(Context ctx, String namespace, WriteWork<T> work) {
    View tx = new View(new TreeMap<>(namespaces.getOrDefault(namespace, new TreeMap<>())));
    T result = work.run(tx);
    namespaces.put(namespace, tx.byId);
    return result;
  }

  @Override
  public synchronized void close() {
    namespaces.clear();
  }

  private static final class View implements Writer {
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
