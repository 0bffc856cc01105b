package dev.ctrstore;

import dev.ctrstore.internal.AsIs;
import dev.ctrstore.internal.Differences;
import dev.ctrstore.internal.StandardStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Bulk moves of containers between stores, files and other sources, keeping every container as
 * it is: its timestamps are the record's own, not the time of the move.
 *
 * <p>What it promises:
 * <ul>
 *   <li><b>Validation still applies.</b> Each container is checked as a create would check it
 *       (and must carry both timestamps); one that fails is counted as failed, with its id and
 *       the reason, and the move goes on.
 *   <li><b>Batches are transactions.</b> Consecutive containers of one namespace are written in
 *       batches ({@link TransferOptions#batchSize}, {@link TransferOptions#batchBytes}) of one
 *       transaction each. An interrupted move leaves whole batches; running it again completes
 *       it.
 *   <li><b>Idempotent.</b> A container already present exactly as read is counted identical and
 *       not written; a different one with the same id is reported as conflicting and left alone
 *       (or replaced, with {@link TransferOptions#overwrite}). A second run changes nothing.
 *   <li><b>Bounded memory.</b> Sources are streamed; one batch is held at a time.
 * </ul>
 *
 * <p>Writing needs a store opened through {@link Stores} (any backend); reading works on any
 * {@link Store}. A copy of a store that is being written meanwhile is not a snapshot: compare
 * the two afterwards with {@link #compare}.
 */
public final class Transfers {
  private Transfers() {}

  /**
   * Every container of the given namespaces of {@code from} (all of its namespaces when the
   * list is empty), namespace by namespace in the order given (byte order for all), each in id
   * order, read lazily. Close the stream.
   */
  public static Stream<NamespacedContainer> read(Store from, List<String> namespaces) {
    List<String> names = namespaces.isEmpty() ? from.namespaces(Context.empty()) : namespaces;
    return concat(names, ns -> from.stream(Context.withNamespace(ns)));
  }

  /**
   * The containers of each namespace in turn, as {@code open} streams them, tagged with their
   * namespace. Lazy and bounded: a namespace's stream is opened only when the one before it is
   * used up, and closed then; closing the result closes the one open. (Unlike {@code
   * flatMap}, whose iterator buffers a whole inner stream, so that reading the first container
   * of a namespace held all of them.)
   */
  public static Stream<NamespacedContainer> concat(List<String> namespaces,
      Function<String, Stream<Container>> open) {
    NamespaceChain chain = new NamespaceChain(List.copyOf(namespaces),
        Objects.requireNonNull(open, "open"));
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(chain,
        Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(chain::close);
  }

  /** Copies {@code from} into {@code to}: {@code write(read(from, namespaces), to, options)}. */
  public static TransferReport copy(Store from, Store to, TransferOptions options) {
    try (Stream<NamespacedContainer> source = read(from, options.namespaces())) {
      return write(source, to, options);
    }
  }

  /**
   * Writes every container of {@code source} into {@code to} as it is, in batches of one
   * transaction each; returns the report. The source is consumed, not closed.
   *
   * @throws InvalidArgumentException if {@code to} was not opened through {@link Stores}
   */
  public static TransferReport write(Stream<NamespacedContainer> source, Store to,
      TransferOptions options) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    Store unwrapped = to;
    while (unwrapped instanceof ObservedStore observed) {
      unwrapped = observed.delegate();
    }
    if (!(unwrapped instanceof StandardStore target)) {
      throw new InvalidArgumentException("target store: writing containers as they are needs a"
          + " store opened by Stores, not a " + to.getClass().getName());
    }
    Batcher batcher = new Batcher(target, options);
    for (Iterator<NamespacedContainer> it = source.iterator(); it.hasNext(); ) {
      batcher.add(it.next());
    }
    batcher.flush();
    return batcher.tally.report();
  }

  /**
   * Compares two stores field for field, namespace by namespace (the given ones, or every
   * namespace of either store), streaming both in id order; calls {@code onDifference} for each
   * container that is missing, unexpected or different, and returns the totals.
   */
  public static Comparison compare(Store expected, Store actual, List<String> namespaces,
      Consumer<Comparison.Difference> onDifference) {
    List<String> names = namespaces;
    if (names.isEmpty()) {
      TreeSet<String> all = new TreeSet<>(Transfers::compareBytes);
      all.addAll(expected.namespaces(Context.empty()));
      all.addAll(actual.namespaces(Context.empty()));
      names = List.copyOf(all);
    }
    long[] n = new long[3]; // compared, equal, differences
    for (String ns : names) {
      Context ctx = Context.withNamespace(ns);
      try (Stream<Container> a = expected.stream(ctx); Stream<Container> b = actual.stream(ctx)) {
        Iterator<Container> ia = a.iterator();
        Iterator<Container> ib = b.iterator();
        Container ca = ia.hasNext() ? ia.next() : null;
        Container cb = ib.hasNext() ? ib.next() : null;
        while (ca != null || cb != null) {
          n[0]++;
          int order = ca == null ? 1 : cb == null ? -1 : compareBytes(ca.id(), cb.id());
          if (order < 0) {
            n[2]++;
            onDifference.accept(new Comparison.Difference(ns, ca.id(), Comparison.Kind.MISSING,
                List.of()));
            ca = ia.hasNext() ? ia.next() : null;
          } else if (order > 0) {
            n[2]++;
            onDifference.accept(new Comparison.Difference(ns, cb.id(),
                Comparison.Kind.UNEXPECTED, List.of()));
            cb = ib.hasNext() ? ib.next() : null;
          } else {
            List<String> fields = Differences.fields(ca, cb);
            if (fields.isEmpty()) {
              n[1]++;
            } else {
              n[2]++;
              onDifference.accept(new Comparison.Difference(ns, ca.id(),
                  Comparison.Kind.DIFFERENT, fields));
            }
            ca = ia.hasNext() ? ia.next() : null;
            cb = ib.hasNext() ? ib.next() : null;
          }
        }
      }
    }
    return new Comparison(n[0], n[1], n[2]);
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }

  /** One namespace's stream open at a time; see {@link #concat}. */
  private static final class NamespaceChain implements Iterator<NamespacedContainer> {
    private final List<String> namespaces;
    private final Function<String, Stream<Container>> open;
    private int next;
    private String namespace = "";
    private @Nullable Stream<Container> current;
    private @Nullable Iterator<Container> it;

    NamespaceChain(List<String> namespaces, Function<String, Stream<Container>> open) {
      this.namespaces = namespaces;
      this.open = open;
    }

    @Override
    public boolean hasNext() {
      while (it == null || !it.hasNext()) {
        close();
        if (next == namespaces.size()) {
          return false;
        }
        namespace = namespaces.get(next++);
        current = open.apply(namespace);
        it = current.iterator();
      }
      return true;
    }

    @Override
    public NamespacedContainer next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return new NamespacedContainer(namespace, it.next());
    }

    void close() {
      Stream<Container> s = current;
      current = null;
      it = null;
      if (s != null) {
        s.close();
      }
    }
  }

  /** Groups consecutive containers of one namespace into bounded batches and writes them. */
  private static final class Batcher {
    private final StandardStore target;
    private final TransferOptions options;
    private final TransferTally tally;
    private final List<Container> batch = new ArrayList<>();
    /** The batch's namespace; "" (no namespace is empty) before the first container. */
    private String namespace = "";
    private long bytes;

    Batcher(StandardStore target, TransferOptions options) {
      this.target = target;
      this.options = options;
      this.tally = new TransferTally(options);
    }

    void add(NamespacedContainer item) {
      if (!item.namespace().equals(namespace)) {
        flush();
        namespace = item.namespace();
      }
      Container prepared;
      try {
        prepared = AsIs.prepare(item.container());
      } catch (StoreException e) {
        tally.failed(item.namespace(), item.container().id(), TransferTally.message(e));
        return;
      }
      long size = TransferTally.size(prepared);
      if (!batch.isEmpty() && bytes + size > options.batchBytes()) {
        flush();
      }
      batch.add(prepared);
      bytes += size;
      if (batch.size() >= options.batchSize()) {
        // Written as soon as it is full, not when the next container arrives: a source that
        // fails or blocks after it does not hold back a complete batch.
        flush();
      }
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      try {
        tally.record(namespace, target.writeAsIs(namespace, batch, options));
      } catch (RuntimeException e) {
        // The batch rolled back: write its containers one by one so only the faulty ones fail.
        if (batch.size() == 1) {
          tally.failed(namespace, batch.get(0).id(), TransferTally.message(e));
        } else {
          for (Container c : batch) {
            try {
              tally.record(namespace, target.writeAsIs(namespace, List.of(c), options));
            } catch (RuntimeException single) {
              tally.failed(namespace, c.id(), TransferTally.message(single));
            }
          }
        }
      }
      batch.clear();
      bytes = 0;
      tally.progress();
    }
  }
}
