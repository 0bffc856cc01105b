package dev.ctrstore.conformance;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.Storage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The simplest correct {@link Storage} with {@link Storage.Capability#REVISIONS}: one lock,
 * copy-on-write namespaces, a counter and an event list per namespace that keeps the last
 * {@code retained} events. Lets the kit check its revision, watch and page contracts against a
 * second implementation, and lets broken variants prove that those contracts catch faults.
 */
class ReferenceRevisionStorage implements Storage {
  private final Map<String, TreeMap<String, Container>> namespaces = new HashMap<>();
  private final Map<String, Long> revisions = new HashMap<>();
  private final Map<String, TreeMap<Long, Event>> logs = new HashMap<>();
  private final Map<String, Long> compacted = new HashMap<>();
  private final int retained;

  ReferenceRevisionStorage(int retained) {
    this.retained = retained;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.REVISIONS);
  }

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
    return work.run(new View(namespaces.getOrDefault(namespace, new TreeMap<>()),
        revisions.getOrDefault(namespace, 0L)));
  }

  @Override
  public synchronized <T> T write(Context ctx, String namespace, WriteWork<T> work) {
    View tx = new View(new TreeMap<>(namespaces.getOrDefault(namespace, new TreeMap<>())),
        revisions.getOrDefault(namespace, 0L));
    T result = work.run(tx);
    namespaces.put(namespace, tx.byId);
    revisions.put(namespace, tx.revision);
    TreeMap<Long, Event> log = logs.computeIfAbsent(namespace, n -> new TreeMap<>());
    tx.events.forEach(e -> log.put(e.revision(), e));
    while (log.size() > retained) {
      compacted.put(namespace, log.pollFirstEntry().getKey());
    }
    return result;
  }

  @Override
  public synchronized Events events(Context ctx, String namespace, long afterRevision,
      int limit) {
    List<Event> out = new ArrayList<>();
    for (Event e : logs.getOrDefault(namespace, new TreeMap<>())
        .tailMap(afterRevision, false).values()) {
      if (out.size() < limit) {
        out.add(e);
      }
    }
    return new Events(deliver(out), compacted.getOrDefault(namespace, 0L));
  }

  /** What {@link #events} hands out; broken variants change it. */
  List<Event> deliver(List<Event> events) {
    return events;
  }

  /** The revision after {@code current}; broken variants change it. */
  long next(long current) {
    return current + 1;
  }

  @Override
  public synchronized void close() {
    namespaces.clear();
  }

  private final class View implements Writer {
    final TreeMap<String, Container> byId;
    final List<Event> events = new ArrayList<>();
    long revision;

    View(TreeMap<String, Container> byId, long revision) {
      this.byId = byId;
      this.revision = revision;
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
    public long revision() {
      return revision;
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

    @Override
    public long nextRevision() {
      revision = next(revision);
      return revision;
    }

    @Override
    public void append(Event event) {
      events.add(event);
    }
  }
}
