package dev.ctrstore.internal;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.spi.Storage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The engine's path for writing containers as they are (bulk moves): the same validation and
 * normalisation as a create, but the timestamps are the record's own (truncated to microseconds,
 * decision D-9) instead of the clock's. The rule lives here once; backends only insert and
 * replace.
 *
 * <p>A revision is the target's own stamp of the write that stored a record, in its commit
 * order, so it is not carried over: over a storage with revisions each container written takes
 * one of the target's next revisions and records its event, as a create or update would;
 * records are compared without their revisions.
 */
public final class AsIs {
  private AsIs() {}

  /** What happened to one container. */
  public enum Outcome {
    /** Inserted: the target had no container with this id. */
    COPIED,
    /** The target held a different container with this id and it was replaced. */
    REPLACED,
    /** The target already held exactly this container; nothing was written. */
    IDENTICAL,
    /** The target held a different container with this id; it was left as it was. */
    CONFLICTING
  }

  /** One container's outcome; {@code fields} names what differs for REPLACED and CONFLICTING. */
  public record Result(String id, Outcome outcome, List<String> fields) {}

  /**
   * {@code c} as it would be stored: validated like a create, empty-valued labels dropped,
   * timestamps required and truncated to microseconds.
   *
   * @throws InvalidArgumentException naming the field and the rule it breaks
   */
  public static Container prepare(Container c) {
    Validation.validate(c);
    String who = "container " + Text.quote(c.id()) + ": ";
    Instant created = required(who, "createdAt", c.createdAt());
    Instant updated = required(who, "updatedAt", c.updatedAt());
    return FieldPaths.normalize(c).toBuilder()
        .createdAt(created.truncatedTo(ChronoUnit.MICROS))
        .updatedAt(updated.truncatedTo(ChronoUnit.MICROS))
        .revision(0)
        .build();
  }

  /**
   * Writes prepared containers of one namespace in one transaction: each is inserted when its
   * id is free, skipped when the stored record is equal, and otherwise replaced (when {@code
   * overwrite}) or reported as conflicting. With {@code dryRun}, only reads, in one read
   * transaction, and reports what a write would do.
   *
   * <p>Over a storage with revisions, every container written takes a revision of its own and
   * records its event, as a create or update would: the batch takes them all at once ({@link
   * Storage.Writer#nextRevisions}) when the storage declares {@link
   * Storage.Capability#REVISION_BATCHES}, and is otherwise written one container per
   * transaction (a storage hands out one revision per transaction). So is a batch naming one
   * id twice, whose second write must see the first. As every write, it takes the counter
   * before it reads or locks a container (the engine's one lock order): a batch takes one
   * revision per container and gives back those its identical and conflicting containers did
   * not use ({@link Storage.Writer#giveBackRevisions}); a single container that turns out to
   * need no write rolls its transaction back, which takes its revision back.
   */
  public static List<Result> write(Storage storage, Context ctx, String namespace,
      List<Container> prepared, boolean overwrite, boolean dryRun) {
    Identifiers.validate("namespace", namespace);
    if (dryRun) {
      return storage.read(ctx, namespace, r -> {
        List<Result> out = new ArrayList<>(prepared.size());
        for (Container c : prepared) {
          out.add(decide(c, r.get(c.id()), overwrite));
        }
        return out;
      });
    }
    var capabilities = storage.capabilities();
    boolean revisions = capabilities.contains(Storage.Capability.REVISIONS);
    if (prepared.size() > 1 && (revisions
        && !capabilities.contains(Storage.Capability.REVISION_BATCHES) || repeatsAnId(prepared))) {
      List<Result> out = new ArrayList<>(prepared.size());
      for (Container c : prepared) {
        out.addAll(write(storage, ctx, namespace, List.of(c), overwrite, false));
      }
      return out;
    }
    try {
      return storage.write(ctx, namespace, w -> batch(w, namespace, prepared, overwrite,
          revisions));
    } catch (Unwritten u) {
      return List.of(u.result);
    }
  }

  /**
   * One transaction: the counter first (every container may need a revision), then each
   * container read and locked and decided, then the unused revisions given back, then the
   * writes.
   */
  private static List<Result> batch(Storage.Writer w, String namespace,
      List<Container> prepared, boolean overwrite, boolean revisions) {
    int taken = prepared.size();
    long revision = !revisions ? 0 : taken == 1 ? w.nextRevision() : w.nextRevisions(taken);
    List<Result> out = new ArrayList<>(prepared.size());
    List<@Nullable Container> stored = new ArrayList<>(prepared.size());
    int writes = 0;
    for (Container c : prepared) {
      Container s = w.getForUpdate(c.id());
      Result r = decide(c, s, overwrite);
      stored.add(s);
      out.add(r);
      if (r.outcome() == Outcome.COPIED || r.outcome() == Outcome.REPLACED) {
        writes++;
      }
    }
    if (revisions && writes < taken) {
      if (taken == 1) {
        // A single revision cannot be given back on a storage without REVISION_BATCHES: the
        // rollback takes it back, and the container's outcome is reported all the same.
        throw new Unwritten(out.get(0));
      }
      w.giveBackRevisions(taken - writes);
    }
    for (int i = 0; i < prepared.size(); i++) {
      Result r = out.get(i);
      if (r.outcome() != Outcome.COPIED && r.outcome() != Outcome.REPLACED) {
        continue;
      }
      Container c = prepared.get(i);
      Container next = revisions ? c.toBuilder().revision(revision).build() : c;
      Container previous = stored.get(i);
      if (previous != null) {
        w.replace(previous, next);
      } else if (!w.insert(next)) {
        // a concurrent writer took the id after getForUpdate found none
        throw new IllegalStateException("container " + Text.quote(c.id())
            + " appeared during the write");
      }
      if (revisions) {
        w.append(Event.of(r.outcome() == Outcome.COPIED ? Event.Type.CREATED
            : Event.Type.UPDATED, namespace, revision, next));
        revision++;
      }
    }
    return out;
  }

  /** A single container that needs no write: its transaction rolls back, taking its revision. */
  private static final class Unwritten extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Result result;

    Unwritten(Result result) {
      super(null, null, false, false);
      this.result = result;
    }
  }

  private static boolean repeatsAnId(List<Container> batch) {
    Set<String> ids = new HashSet<>(batch.size() * 2);
    for (Container c : batch) {
      if (!ids.add(c.id())) {
        return true;
      }
    }
    return false;
  }

  private static Result decide(Container c, @Nullable Container stored, boolean overwrite) {
    if (stored == null) {
      return new Result(c.id(), Outcome.COPIED, List.of());
    }
    if (stored.revision() == 0 ? stored.equals(c) : stored.toBuilder().revision(0).build().equals(c)) {
      return new Result(c.id(), Outcome.IDENTICAL, List.of());
    }
    return new Result(c.id(), overwrite ? Outcome.REPLACED : Outcome.CONFLICTING,
        Differences.fields(c, stored));
  }

  private static Instant required(String who, String field, @Nullable Instant t) {
    if (t == null) {
      throw new InvalidArgumentException(who + field + " is required to write a container as it"
          + " is");
    }
    return t;
  }
}
