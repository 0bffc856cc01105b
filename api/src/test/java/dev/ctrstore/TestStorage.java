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
 * commits, and ids whose insert the "database" rejects (as a column limit would). With {@link
 * #capabilities} set, also a revision counter per namespace and a change log ({@link #events}).
 * {@link #writerCalls} names every call write work made on its writer, in order.
 */
final class TestStorage implements Storage {
  final TreeMap<String, TreeMap<String, Container>> namespaces = new TreeMap<>();
  final Set<String> rejected = new HashSet<>();
  final TreeMap<String, Long> revisions = new TreeMap<>();
  final List<Event> events = new ArrayList<>();
  Set<Capability> capabilities = Set.of();
  int commits;
  /** The writer methods write transactions called, in order (committed or not). */
  final List<String> writerCalls = new ArrayList<>();

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public synchronized <T> T read(Context ctx, String namespace, ReadWork<T> work) {
    View view = new View(namespaces.getOrDefault(namespace, new TreeMap<>()));
    view.revision = revisions.getOrDefault(namespace, 0L);
    return work.run(view);
  }

  @Override
  public synchronized <T> T write(Context ctx, String namespace, WriteWork<T> work) {
    View tx = new View(new TreeMap<>(namespaces.getOrDefault(namespace, new TreeMap<>())));
    tx.writing = true;
    tx.revision = revisions.getOrDefault(namespace, 0L);
    T result = work.run(tx);
    if (!tx.byId.isEmpty()) {
      namespaces.put(namespace, tx.byId);
    }
    revisions.put(namespace, tx.revision);
    events.addAll(tx.events);
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
    final List<Event> events = new ArrayList<>();
    long revision;
    int revisionCalls;
    int calls;
    boolean writing;

    View(TreeMap<String, Container> byId) {
      this.byId = byId;
    }

    private void record(String call) {
      if (writing) {
        writerCalls.add(call);
        calls++;
      }
    }

    /** The engine's lock order: the counter before anything else the transaction does. */
    private void takingRevisions() {
      if (++revisionCalls > 1) {
        throw new AssertionError("revisions taken twice in one transaction");
      }
      if (calls > 1) {
        throw new AssertionError("revisions taken after other calls: " + writerCalls);
      }
    }

    @Override
    public @Nullable Container get(String id) {
      record("get");
      return byId.get(id);
    }

    @Override
    public List<Container> candidates(Filter filter) {
      record("candidates");
      return new ArrayList<>(byId.values());
    }

    @Override
    public @Nullable Container getForUpdate(String id) {
      record("getForUpdate");
      return byId.get(id);
    }

    @Override
    public boolean insert(Container container) {
      record("insert");
      if (rejected.contains(container.id())) {
        throw new IllegalStateException("value too long for column");
      }
      return byId.putIfAbsent(container.id(), container) == null;
    }

    @Override
    public void replace(Container previous, Container next) {
      record("replace");
      byId.put(next.id(), next);
    }

    @Override
    public boolean delete(String id) {
      record("delete");
      return byId.remove(id) != null;
    }

    @Override
    public long revision() {
      record("revision");
      return revision;
    }

    @Override
    public long nextRevision() {
      record("nextRevision");
      takingRevisions();
      revision++;
      return revision;
    }

    @Override
    public long nextRevisions(int count) {
      record("nextRevisions(" + count + ")");
      takingRevisions();
      revision += count;
      return revision - count + 1;
    }

    @Override
    public void giveBackRevisions(int count) {
      record("giveBackRevisions(" + count + ")");
      if (revisionCalls != 1) {
        throw new AssertionError("revisions given back before any were taken");
      }
      revision -= count;
    }

    @Override
    public void append(Event event) {
      record("append");
      events.add(event);
    }
  }
}
