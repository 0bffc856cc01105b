package dev.ctrstore.spi;

import dev.ctrstore.AlreadyExistsException;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Filters;
import dev.ctrstore.internal.FieldPaths;
import dev.ctrstore.internal.Identifiers;
import dev.ctrstore.internal.Text;
import dev.ctrstore.internal.Timestamps;
import dev.ctrstore.internal.Validation;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@link Store} every ctrstore backend is: containerd's rules applied over a {@link
 * Storage}. It resolves and checks the namespace, parses filters, validates, merges field
 * paths, sets timestamps and orders the checks exactly as containerd does (docs/semantics.md §4–§7); the
 * storage only keeps and fetches whole records. A failure of the storage that is not already a
 * {@link StoreException} is reported as one of kind {@link ErrorKind#UNKNOWN}, never raw.
 */
public final class StandardStore implements Store {
  private final Storage storage;
  private final Clock clock;

  private StandardStore(Storage storage, Clock clock) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A store over {@code storage}, timed by the system UTC clock. */
  public static Store over(Storage storage) {
    return new StandardStore(storage, Clock.systemUTC());
  }

  /** A store over {@code storage} with the given clock (for tests of the timestamp rules). */
  public static Store over(Storage storage, Clock clock) {
    return new StandardStore(storage, clock);
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
      Container stored = normalized.toBuilder().createdAt(now).updatedAt(now).build();
      if (!w.insert(stored)) {
        throw new AlreadyExistsException(
            "container " + Text.quote(stored.id()) + " in namespace " + Text.quote(ns)
                + ": already exists");
      }
      return stored;
    }));
  }

  @Override
  public Container update(Context ctx, Container container, String... fieldPaths) {
    String ns = namespace(ctx);
    if (container == null) {
      throw new InvalidArgumentException("container must not be null");
    }
    if (container.id().isEmpty()) {
      throw new InvalidArgumentException("update: must specify a container id");
    }
    List<String> paths = fieldPaths == null ? List.of() : Arrays.asList(fieldPaths.clone());
    return call(ctx, () -> storage.write(ctx, ns, w -> {
      Container previous = w.getForUpdate(container.id());
      if (previous == null) {
        throw notFound(container.id(), ns);
      }
      Container merged = FieldPaths.merge(previous, container, paths);
      Validation.validate(merged);
      Container next = FieldPaths.normalize(merged).toBuilder()
          .createdAt(previous.createdAt())
          .updatedAt(Timestamps.next(clock, previous.updatedAt()))
          .build();
      w.replace(previous, next);
      return next;
    }));
  }

  @Override
  public void delete(Context ctx, String id) {
    String ns = namespace(ctx);
    String key = id == null ? "" : id;
    call(ctx, () -> storage.write(ctx, ns, w -> {
      if (!w.delete(key)) {
        throw notFound(key, ns);
      }
      return null;
    }));
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

  private static NotFoundException notFound(String id, String ns) {
    return new NotFoundException(
        "container " + Text.quote(id) + " in namespace " + Text.quote(ns) + ": not found");
  }

  private static <T> T call(Context ctx, Supplier<T> op) {
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
