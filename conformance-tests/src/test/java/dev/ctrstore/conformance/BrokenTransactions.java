package dev.ctrstore.conformance;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Storages with one bug each in transactions, locking, deadlines or namespaces: what a backend
 * author gets wrong when each statement commits on its own, a lock is missing, a record lives in
 * two tables, or a cache forgets the namespace.
 */
final class BrokenTransactions {
  private BrokenTransactions() {}

  private static void pause() {
    try {
      Thread.sleep(1); // the round trip to a database server between two statements
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Every statement of a transaction commits on its own (autocommit left on): a failure halfway
   * keeps what came before it. Writers of a namespace are still serialised.
   */
  static final class Autocommit implements Storage {
    private final ReferenceStorage committed = new ReferenceStorage();

    @Override
    public <T> T read(Context ctx, String namespace, ReadWork<T> work) {
      return committed.read(ctx, namespace, work);
    }

    @Override
    public synchronized <T> T write(Context ctx, String namespace, WriteWork<T> work) {
      return work.run(new EachCallCommits(committed, ctx, namespace, false));
    }

    @Override
    public void close() {
      committed.close();
    }
  }

  /**
   * No lock between reading a record and writing it: each call is its own transaction, with a
   * round trip between calls, so concurrent writers interleave (lost updates, a deleted record
   * written back).
   */
  static final class NoRowLocks implements Storage {
    private final ReferenceStorage committed = new ReferenceStorage();

    @Override
    public <T> T read(Context ctx, String namespace, ReadWork<T> work) {
      return committed.read(ctx, namespace, work);
    }

    @Override
    public <T> T write(Context ctx, String namespace, WriteWork<T> work) {
      return work.run(new EachCallCommits(committed, ctx, namespace, true));
    }

    @Override
    public void close() {
      committed.close();
    }
  }

  private record EachCallCommits(Storage s, Context ctx, String ns, boolean slow) implements Storage.Writer {
    private <T> T call(Storage.WriteWork<T> w) {
      if (slow) {
        pause();
      }
      return s.write(ctx, ns, w);
    }

    @Override
    public @Nullable Container get(String id) {
      return call(w -> w.get(id));
    }

    @Override
    public List<Container> candidates(Filter filter) {
      return call(w -> w.candidates(filter));
    }

    @Override
    public @Nullable Container getForUpdate(String id) {
      return call(w -> w.getForUpdate(id));
    }

    @Override
    public boolean insert(Container container) {
      return call(w -> w.insert(container));
    }

    @Override
    public void replace(Container previous, Container next) {
      call(w -> {
        w.delete(next.id());
        return w.insert(next);
      });
    }

    @Override
    public boolean delete(String id) {
      return call(w -> w.delete(id));
    }
  }

  /**
   * Labels in a table of their own, written after the row at commit, and read without a
   * transaction: a reader can combine one version's row with another version's labels.
   */
  static final class TwoTablesReadWithoutTransaction implements Storage {
    private final Map<String, ConcurrentSkipListMap<String, Container>> rows = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Map<String, String>>> labels = new ConcurrentHashMap<>();
    private final ReferenceStorage lock = new ReferenceStorage();

    private @Nullable Container assemble(String ns, @Nullable Container row) {
      if (row == null) {
        return null;
      }
      Map<String, String> l = labels.getOrDefault(ns, Map.of()).get(row.id());
      return row.toBuilder().labels(l == null ? Map.of() : l).build();
    }

    private Reader reader(String ns) {
      return new Reader() {
        @Override
        public @Nullable Container get(String id) {
          return assemble(ns, rows.getOrDefault(ns, new ConcurrentSkipListMap<>()).get(id));
        }

        @Override
        public List<Container> candidates(Filter filter) {
          List<Container> out = new ArrayList<>();
          rows.getOrDefault(ns, new ConcurrentSkipListMap<>()).values()
              .forEach(r -> out.add(assemble(ns, r)));
          return out;
        }
      };
    }

    @Override
    public <T> T read(Context ctx, String namespace, ReadWork<T> work) {
      return work.run(reader(namespace));
    }

    @Override
    public <T> T write(Context ctx, String namespace, WriteWork<T> work) {
      // The reference storage only serialises writers and buffers the work; the two tables are
      // then written one after the other.
      List<Container> changed = new ArrayList<>();
      List<String> deleted = new ArrayList<>();
      T result = lock.write(ctx, namespace, w -> {
        changed.clear();
        deleted.clear();
        Reader r = reader(namespace);
        return work.run(new Writer() {
          @Override
          public @Nullable Container get(String id) {
            return r.get(id);
          }

          @Override
          public List<Container> candidates(Filter filter) {
            return r.candidates(filter);
          }

          @Override
          public @Nullable Container getForUpdate(String id) {
            return r.get(id);
          }

          @Override
          public boolean insert(Container c) {
            if (r.get(c.id()) != null) {
              return false;
            }
            changed.add(c);
            return true;
          }

          @Override
          public void replace(Container previous, Container next) {
            changed.add(next);
          }

          @Override
          public boolean delete(String id) {
            deleted.add(id);
            return r.get(id) != null;
          }
        });
      });
      var nsRows = rows.computeIfAbsent(namespace, n -> new ConcurrentSkipListMap<>());
      var nsLabels = labels.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>());
      for (Container c : changed) {
        nsRows.put(c.id(), c.toBuilder().labels(Map.of()).build());
        pause();
        nsLabels.put(c.id(), c.labels());
      }
      deleted.forEach(nsRows::remove);
      return result;
    }

    @Override
    public void close() {
      rows.clear();
    }
  }

  /** Checks the deadline after committing, and reports a write that happened as failed. */
  static final class DeadlineCheckedAfterCommit extends Forwarding {
    DeadlineCheckedAfterCommit() {
      super(new ReferenceStorage());
    }

    @Override
    public <T> T write(Context ctx, String namespace, WriteWork<T> work) {
      T result = super.write(ctx, namespace, work);
      if (ctx.isExpired()) {
        throw new DeadlineExceededException("deadline " + ctx.deadline() + " exceeded");
      }
      return result;
    }
  }

  /** A statement timeout surfaces as the driver's raw exception, not as a deadline. */
  static final class StatementTimeoutAsRawError extends Forwarding {
    StatementTimeoutAsRawError() {
      super(new ReferenceStorage());
    }

    @Override
    public <T> T write(Context ctx, String namespace, WriteWork<T> work) {
      return super.write(ctx, namespace, w -> {
        T result = work.run(w);
        if (ctx.isExpired()) {
          throw new IllegalStateException("Statement cancelled due to timeout or client request");
        }
        return result;
      });
    }
  }

  /** A point-read cache keyed by id alone: the same id in another namespace is served. */
  static final class GetCacheIgnoresNamespace extends Forwarding {
    private final Map<String, Container> cache = new ConcurrentHashMap<>();

    GetCacheIgnoresNamespace() {
      super(new ReferenceStorage());
    }

    @Override
    public @Nullable Container get(Context ctx, String namespace, String id) {
      Container hit = cache.get(id);
      if (hit != null) {
        return hit;
      }
      Container c = super.get(ctx, namespace, id);
      if (c != null) {
        cache.put(id, c);
      }
      return c;
    }

    @Override
    public <T> T write(Context ctx, String namespace, WriteWork<T> work) {
      cache.clear();
      return super.write(ctx, namespace, work);
    }
  }

  /** Caches stream results by filter text alone, forgetting the namespace. */
  static final class StreamCacheIgnoresNamespace extends Forwarding {
    private final Map<Filter, List<Container>> cache = new ConcurrentHashMap<>();

    StreamCacheIgnoresNamespace() {
      super(new ReferenceStorage());
    }

    @Override
    public Stream<Container> stream(Context ctx, String namespace, Filter filter) {
      return cache.computeIfAbsent(filter,
          f -> read(ctx, namespace, r -> r.candidates(f))).stream();
    }

    @Override
    public <T> T write(Context ctx, String namespace, WriteWork<T> work) {
      cache.clear();
      return Objects.requireNonNull(super.write(ctx, namespace, work) , "never null here");
    }
  }
}
