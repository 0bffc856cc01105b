package dev.ctrstore.memory;

import dev.ctrstore.Container;
import dev.ctrstore.StoreInfo;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.EventRetention;
import dev.ctrstore.spi.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * Containers held in memory, one sorted map per namespace behind a read-write lock: reads of a
 * namespace run in parallel, writes one at a time, and a write's changes are applied only when
 * its work returns, so a failing write leaves nothing behind. Containers are immutable, so
 * handing out the stored instances is safe.
 *
 * <p>Revisions: each namespace counts its writes under its write lock, so revisions follow commit
 * order and have no gaps; each namespace's {@link EventLog} is compacted by a daemon thread per
 * storage ({@code ctrstore-memory-events-compactor}) as the {@link EventRetention} says.
 */
final class MemoryStorage implements Storage {
  private final ConcurrentHashMap<String, Namespace> namespaces = new ConcurrentHashMap<>();
  private final EventRetention retention;
  private final ScheduledExecutorService compactor;

  MemoryStorage(EventRetention retention) {
    this.retention = retention;
    this.compactor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ctrstore-memory-events-compactor");
      t.setDaemon(true);
      return t;
    });
    long period = compactionPeriodMillis(retention);
    compactor.scheduleWithFixedDelay(this::compact, period, period, TimeUnit.MILLISECONDS);
  }

  /** Often enough that the log outlives its age limit by a quarter at most, at most once a second. */
  private static long compactionPeriodMillis(EventRetention retention) {
    Duration age = retention.maxAge();
    long quarter = age == null ? 1000 : age.toMillis() / 4;
    return Math.max(10, Math.min(1000, quarter));
  }

  private void compact() {
    for (Namespace ns : namespaces.values()) {
      while (ns.log.compact(retention, System.nanoTime()) == EventLog.COMPACT_BATCH) {
        Thread.yield(); // lets a writer waiting to append go first
      }
    }
  }

  private static final class Namespace {
    final EventLog log = new EventLog();
    // Written under the write lock, read under the read lock.
    long revision;
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
  public StoreInfo info() {
    return StoreInfo.of("memory", "memory", "", "", null);
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.REVISIONS, Capability.REVISION_BATCHES);
  }

  @Override
  public Events events(Context ctx, String namespace, long afterRevision, int limit) {
    Namespace ns = namespaces.get(namespace);
    return ns == null ? new Events(List.of(), 0) : ns.log.read(afterRevision, limit);
  }

  @Override
  public void awaitEvents(String namespace, long afterRevision, Duration timeout)
      throws InterruptedException {
    ns(namespace).log.await(afterRevision, timeout);
  }

  /** Namespaces holding a container now; names are validated ASCII, so String order is byte order. */
  @Override
  public List<String> namespaces(Context ctx) {
    List<String> out = new ArrayList<>();
    namespaces.forEach((name, ns) -> {
      if (!ns.current.isEmpty()) {
        out.add(name);
      }
    });
    out.sort(null);
    return out;
  }

  @Override
  public <T extends @Nullable Object> T read(Context ctx, String namespace, ReadWork<T> work) {
    Namespace ns = namespaces.get(namespace);
    if (ns == null) {
      return work.run(new Snapshot(new TreeMap<>(), new LabelIndex(), 0));
    }
    ns.lock.readLock().lock();
    try {
      return work.run(new Snapshot(ns.byId, ns.index, ns.revision));
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
  public <T extends @Nullable Object> T write(Context ctx, String namespace, WriteWork<T> work) {
    Namespace ns = ns(namespace);
    ns.lock.writeLock().lock();
    try {
      Tx tx = new Tx(ns.byId, ns.index, ns.current, ns.revision);
      T result = work.run(tx);
      tx.commit();
      if (tx.revision != ns.revision) {
        ns.revision = tx.revision;
        ns.log.append(tx.events, System.nanoTime());
      }
      return result;
    } finally {
      ns.lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    compactor.shutdownNow();
    namespaces.clear();
  }

  private static class Snapshot implements Reader {
    final TreeMap<String, Container> byId;
    final LabelIndex index;
    long revision;

    Snapshot(TreeMap<String, Container> byId, LabelIndex index, long revision) {
      this.byId = byId;
      this.index = index;
      this.revision = revision;
    }

    @Override
    public long revision() {
      return revision;
    }

    @Override
    public List<Container> candidatesAfter(Filter filter, String afterId, int limit) {
      if (!filter.matchesAll()) {
        return index.candidatesAfter(byId, filter, afterId, limit);
      }
      List<Container> out = new ArrayList<>(Math.min(limit, 1024));
      for (Container c : byId.tailMap(afterId, false).values()) {
        if (out.size() == limit) {
          break;
        }
        out.add(c);
      }
      return out;
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
    final List<Event> events = new ArrayList<>(1);

    final ConcurrentHashMap<String, Container> current;

    Tx(TreeMap<String, Container> byId, LabelIndex index,
        ConcurrentHashMap<String, Container> current, long revision) {
      super(byId, index, revision);
      this.current = current;
    }

    @Override
    public long nextRevision() {
      return ++revision;
    }

    @Override
    public long nextRevisions(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1, got " + count);
      }
      revision += count;
      return revision - count + 1;
    }

    /** Only this transaction's copy of the counter moves; the namespace's is set at commit. */
    @Override
    public void giveBackRevisions(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1, got " + count);
      }
      revision -= count;
    }

    @Override
    public void append(Event event) {
      events.add(event);
    }

    @Override
    public List<Container> candidatesAfter(Filter filter, String afterId, int limit) {
      if (pending.isEmpty()) {
        return super.candidatesAfter(filter, afterId, limit);
      }
      List<Container> out = new ArrayList<>();
      for (Container c : candidates(filter)) {
        if (c.id().compareTo(afterId) > 0 && out.size() < limit) {
          out.add(c);
        }
      }
      return out;
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
