package dev.ctrstore.memory;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.Storage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * Containers held in memory, one sorted map per namespace behind a read-write lock: reads of a
 * namespace run in parallel, writes one at a time, and a write's changes are applied only when
 * its work returns, so a failing write leaves nothing behind. Containers are immutable, so
 * handing out the stored instances is safe.
 */
final class MemoryStorage implements Storage {
  private final ConcurrentHashMap<String, Namespace> namespaces = new ConcurrentHashMap<>();

  private static final class Namespace {
    final ReadWriteLock lock = new ReentrantReadWriteLock();
    // ids are ASCII (validated), so String order is byte order.
    final TreeMap<String, Container> byId = new TreeMap<>();
    final LabelIndex index = new LabelIndex();
    // The same records for lock-free point reads: written only at commit, under the write lock.
    final ConcurrentHashMap<String, Container> current = new ConcurrentHashMap<>();
  }

  private Namespace ns(String name) {
    return namespaces.computeIfAbsent(name, n -> new Namespace());
  }

  @Override
  public <T> T read(Context ctx, String namespace, ReadWork<T> work) {
    Namespace ns = namespaces.get(namespace);
    if (ns == null) {
      return work.run(new Snapshot(new TreeMap<>(), new LabelIndex()));
    }
    ns.lock.readLock().lock();
    try {
      return work.run(new Snapshot(ns.byId, ns.index));
    } finally {
      ns.lock.readLock().unlock();
    }
  }

  /** A single read needs no snapshot: answered without taking the namespace lock. */
  @Override
  public @Nullable Container get(Context ctx, String namespace, String id) {
    Namespace ns = namespaces.get(namespace);
    return ns == null ? null : ns.current.get(id);
  }

  @Override
  public <T> T write(Context ctx, String namespace, WriteWork<T> work) {
    Namespace ns = ns(namespace);
    ns.lock.writeLock().lock();
    try {
      Tx tx = new Tx(ns.byId, ns.index, ns.current);
      T result = work.run(tx);
      tx.commit();
      return result;
    } finally {
      ns.lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    namespaces.clear();
  }

  private static class Snapshot implements Reader {
    final TreeMap<String, Container> byId;
    final LabelIndex index;

    Snapshot(TreeMap<String, Container> byId, LabelIndex index) {
      this.byId = byId;
      this.index = index;
    }

    @Override
    public @Nullable Container get(String id) {
      return byId.get(id);
    }

    @Override
    public List<Container> candidates(Filter filter) {
      return index.candidates(byId, filter);
    }
  }

  /** Buffers changes; a null value marks a deletion. */
  private static final class Tx extends Snapshot implements Writer {
    final Map<String, @Nullable Container> pending = new HashMap<>();

    final ConcurrentHashMap<String, Container> current;

    Tx(TreeMap<String, Container> byId, LabelIndex index,
        ConcurrentHashMap<String, Container> current) {
      super(byId, index);
      this.current = current;
    }

    @Override
    public @Nullable Container get(String id) {
      return pending.containsKey(id) ? pending.get(id) : byId.get(id);
    }

    @Override
    public List<Container> candidates(Filter filter) {
      if (pending.isEmpty()) {
        return super.candidates(filter);
      }
      // Rare (the engine never lists inside a write): answer from a merged copy, without the index.
      TreeMap<String, Container> view = new TreeMap<>(byId);
      pending.forEach((id, c) -> {
        if (c == null) {
          view.remove(id);
        } else {
          view.put(id, c);
        }
      });
      return new ArrayList<>(view.values());
    }

    @Override
    public @Nullable Container getForUpdate(String id) {
      return get(id);
    }

    @Override
    public boolean insert(Container container) {
      if (get(container.id()) != null) {
        return false;
      }
      pending.put(container.id(), container);
      return true;
    }

    @Override
    public void replace(Container previous, Container next) {
      pending.put(next.id(), next);
    }

    @Override
    public boolean delete(String id) {
      if (get(id) == null) {
        return false;
      }
      pending.put(id, null);
      return true;
    }

    void commit() {
      pending.forEach((id, c) -> {
        Container old = c == null ? byId.remove(id) : byId.put(id, c);
        if (c == null) {
          current.remove(id);
        } else {
          current.put(id, c);
        }
        if (old != null) {
          index.remove(old);
        }
        if (c != null) {
          index.add(c);
        }
      });
    }
  }
}
