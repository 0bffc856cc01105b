package dev.ctrstore.internal;

import dev.ctrstore.AbortedException;
import dev.ctrstore.AlreadyExistsException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.Event;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Page;
import dev.ctrstore.RevisionCompactedException;
import dev.ctrstore.Store;
import dev.ctrstore.StoreInfo;
import dev.ctrstore.StoreException;
import dev.ctrstore.TransferOptions;
import dev.ctrstore.UnimplementedException;
import dev.ctrstore.Watch;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Filters;
import dev.ctrstore.spi.Storage;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind every {@link Store}: containerd's rules applied over a {@link Storage}. It
 * resolves and checks the namespace, parses filters, validates, merges field paths, sets
 * timestamps and orders the checks exactly as containerd does (docs/semantics.md §4–§7); the
 * storage only keeps and fetches whole records. A failure of the storage that is not already a
 * {@link StoreException} is reported as one of kind {@link ErrorKind#UNKNOWN}, never raw.
 *
 * <p>Over a storage that declares {@link Storage.Capability#REVISIONS}, every write takes its
 * revision from the storage first, before it reads or locks its container (one lock order for
 * every write: the namespace's counter, then rows, so writes of one id never wait on each other
 * in a cycle), is stamped with it, and appends its event in the same transaction. A write whose
 * checks fail throws, and its rollback takes the revision back. The checks keep containerd's
 * order: conditional writes compare revisions after the existence check and before the paths
 * and validation.
 *
 * <p>Applications and tests reach it through {@link dev.ctrstore.Stores#over}; providers hand
 * the library a {@code Storage} and never build a store themselves, so no backend can skip a
 * rule.
 */
public final class StandardStore implements Store {
  private final StoreInfo info;
  private final Storage storage;
  private final Clock clock;
  private final boolean revisions;

  private StandardStore(Storage storage, Clock clock, StoreInfo info) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.revisions = storage.capabilities().contains(Storage.Capability.REVISIONS);
    this.info = info;
  }

  /** A store over {@code storage}, timed by the system UTC clock. */
  public static Store over(Storage storage) {
    return new StandardStore(storage, Clock.systemUTC(), storage.info());
  }

  /** A store over {@code storage} with the given clock, so tests can pin the timestamp rules. */
  public static Store over(Storage storage, Clock clock) {
    return new StandardStore(storage, clock, storage.info());
  }

  /** A store over the storage a provider opened: its description names the provider. */
  public static Store over(Storage storage, String backendName) {
    return new StandardStore(storage, Clock.systemUTC(), storage.info().withBackend(backendName));
  }

  @Override
  public Container get(Context ctx, String id) {
    String ns = namespace(ctx);
    String key = id == null ? "" : id;
    Container c = call(ctx, () -> storage.get(ctx, ns, key));
    if (c == null) {
      throw notFound(key, ns);
    }
    return c;
  }

  @Override
  public List<Container> list(Context ctx, String... filters) {
    String ns = namespace(ctx);
    Filter filter = Filters.parse(filters);
    return call(ctx, () -> storage.read(ctx, ns, r -> r.candidates(filter)))
        .stream().filter(filter).toList();
  }

  @Override
  public Stream<Container> stream(Context ctx, String... filters) {
    String ns = namespace(ctx);
    Filter filter = Filters.parse(filters);
    return call(ctx, () -> storage.stream(ctx, ns, filter)).filter(filter);
  }

  @Override
  public Container create(Context ctx, Container container) {
    String ns = namespace(ctx);
    if (container == null) {
      throw new InvalidArgumentException("container must not be null");
    }
    Validation.validate(container);
    Container normalized = FieldPaths.normalize(container);
    return call(ctx, () -> storage.write(ctx, ns, w -> {
      var now = Timestamps.now(clock);
      // Counter first, as every write: a taken id is found by the insert itself (no read of the
      // id first), and the rollback that follows takes the revision back.
      long revision = revisions ? w.nextRevision() : 0;
      Container stored = normalized.toBuilder().createdAt(now).updatedAt(now).revision(revision)
          .build();
      if (!w.insert(stored)) {
        throw alreadyExists(stored.id(), ns);
      }
      if (revisions) {
        w.append(Event.of(Event.Type.CREATED, ns, revision, stored));
      }
      return stored;
    }));
  }

  @Override
  public Container update(Context ctx, Container container, String... fieldPaths) {
    return update(ctx, container, fieldPaths, null);
  }

  @Override
  public Container updateIf(Context ctx, long expectedRevision, Container container,
      String... fieldPaths) {
    requireRevisions("updateIf");
    return update(ctx, container, fieldPaths, expectedRevision);
  }

  private Container update(Context ctx, Container container, String[] fieldPaths,
      @Nullable Long expectedRevision) {
    String ns = namespace(ctx);
    if (container == null) {
      throw new InvalidArgumentException("container must not be null");
    }
    if (container.id().isEmpty()) {
      throw new InvalidArgumentException("update: must specify a container id");
    }
    List<String> paths = fieldPaths == null ? List.of() : Arrays.asList(fieldPaths.clone());
    return call(ctx, () -> storage.write(ctx, ns, w -> {
      long revision = revisions ? w.nextRevision() : 0; // counter before row: the one lock order
      Container previous = w.getForUpdate(container.id());
      if (previous == null) {
        throw notFound(container.id(), ns);
      }
      checkRevision(ns, previous, expectedRevision);
      Container merged = FieldPaths.merge(previous, container, paths);
      Validation.validate(merged);
      Container next = FieldPaths.normalize(merged).toBuilder()
          .createdAt(previous.createdAt())
          .updatedAt(Timestamps.next(clock, previous.updatedAt()))
          .revision(revision)
          .build();
      w.replace(previous, next);
      if (revisions) {
        w.append(Event.of(Event.Type.UPDATED, ns, revision, next));
      }
      return next;
    }));
  }

  @Override
  public void delete(Context ctx, String id) {
    delete(ctx, id, null);
  }

  @Override
  public void deleteIf(Context ctx, String id, long expectedRevision) {
    requireRevisions("deleteIf");
    delete(ctx, id, expectedRevision);
  }

  private void delete(Context ctx, String id, @Nullable Long expectedRevision) {
    String ns = namespace(ctx);
    String key = id == null ? "" : id;
    call(ctx, () -> storage.write(ctx, ns, w -> {
      if (!revisions) {
        if (!w.delete(key)) {
          throw notFound(key, ns);
        }
        return null;
      }
      long revision = w.nextRevision(); // counter before row: the one lock order
      Container previous = w.getForUpdate(key);
      if (previous == null) {
        throw notFound(key, ns);
      }
      checkRevision(ns, previous, expectedRevision);
      if (!w.delete(key)) {
        throw notFound(key, ns);
      }
      w.append(Event.of(Event.Type.DELETED, ns, revision, previous));
      return null;
    }));
  }

  @Override
  public long revision(Context ctx) {
    String ns = namespace(ctx);
    requireRevisions("revision");
    return call(ctx, () -> storage.read(ctx, ns, Storage.Reader::revision));
  }

  @Override
  public Watch watch(Context ctx, long afterRevision) {
    String ns = namespace(ctx);
    requireRevisions("watch");
    if (afterRevision < 0) {
      throw new InvalidArgumentException(
          "watch: afterRevision must be 0 or more, got " + afterRevision);
    }
    Storage.Events first = call(ctx, () -> storage.events(ctx, ns, afterRevision, LogWatch.BATCH));
    if (afterRevision < first.compactedThrough()) {
      throw new RevisionCompactedException(ns, afterRevision, first.compactedThrough());
    }
    return new LogWatch(storage, ctx, ns, afterRevision, first.events());
  }

  @Override
  public Page page(Context ctx, int limit, @Nullable String pageToken, String... filters) {
    String ns = namespace(ctx);
    if (limit < 1) {
      throw new InvalidArgumentException("page: limit must be at least 1, got " + limit);
    }
    String[] given = filters == null ? new String[0] : filters.clone();
    Filter filter = Filters.parse(given);
    String after = pageToken == null ? "" : PageTokens.decode(pageToken, ns, given);
    return call(ctx, () -> storage.read(ctx, ns, r ->
        Paging.page(r, ns, filter, given, after, limit, revisions ? r.revision() : 0)));
  }

  @Override
  public StoreInfo info() {
    return info;
  }

  @Override
  public List<String> namespaces(Context ctx) {
    if (ctx == null) {
      throw new FailedPreconditionException("context is required");
    }
    return call(ctx, () -> List.copyOf(storage.namespaces(ctx)));
  }

  /**
   * Writes containers of one namespace as they are, in one transaction (the engine's path for
   * {@link dev.ctrstore.Transfers}); the containers were prepared by {@link AsIs#prepare}.
   * Not for applications: use {@code Transfers}.
   */
  public List<AsIs.Result> writeAsIs(String namespace, List<Container> prepared,
      TransferOptions options) {
    Context ctx = Context.withNamespace(namespace);
    String ns = namespace(ctx);
    return call(ctx, () -> AsIs.write(storage, ctx, ns, prepared, options.overwrite(),
        options.dryRun()));
  }

  @Override
  public void close() {
    storage.close();
  }

  /** The validated namespace of {@code ctx}: checked before anything else, as containerd does. */
  private static String namespace(Context ctx) {
    if (ctx == null || ctx.namespace() == null || ctx.namespace().isEmpty()) {
      throw new FailedPreconditionException("namespace is required");
    }
    Identifiers.validate("namespace", ctx.namespace());
    return ctx.namespace();
  }

  private void requireRevisions(String operation) {
    if (!revisions) {
      throw new UnimplementedException(operation + ": this store keeps no revisions");
    }
  }

  private static void checkRevision(String ns, Container stored, @Nullable Long expected) {
    if (expected != null && stored.revision() != expected) {
      throw new AbortedException("container " + Text.quote(stored.id()) + " in namespace "
          + Text.quote(ns) + ": revision mismatch: expected revision " + expected
          + ", actual revision " + stored.revision());
    }
  }

  private static AlreadyExistsException alreadyExists(String id, String ns) {
    return new AlreadyExistsException(
        "container " + Text.quote(id) + " in namespace " + Text.quote(ns) + ": already exists");
  }

  private static NotFoundException notFound(String id, String ns) {
    return new NotFoundException(
        "container " + Text.quote(id) + " in namespace " + Text.quote(ns) + ": not found");
  }

  private static <T extends @Nullable Object> T call(Context ctx, Supplier<T> op) {
    if (ctx.isExpired()) {
      throw new DeadlineExceededException("deadline " + ctx.deadline() + " exceeded before the call");
    }
    try {
      return op.get();
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreException(ErrorKind.UNKNOWN,
          "storage failure: " + e.getClass().getName() + ": " + e.getMessage(), e);
    }
  }
}
