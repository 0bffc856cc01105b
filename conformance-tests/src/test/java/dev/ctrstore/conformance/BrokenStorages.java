package dev.ctrstore.conformance;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.RuntimeInfo;
import dev.ctrstore.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Storages with one bug each in what they keep, what their filters find or how they page: bugs
 * of column types, encodings, indexes and cursors that a backend author could make. Each wraps
 * the correct {@link ReferenceStorage}.
 */
final class BrokenStorages {
  private BrokenStorages() {}

  private static Any mapAny(Any a, UnaryOperator<String> text, UnaryOperator<ByteString> bytes) {
    return a == null ? null
        : Any.newBuilder().setTypeUrl(text.apply(a.getTypeUrl())).setValue(bytes.apply(a.getValue())).build();
  }

  /** Applies {@code text} to every string of a container, {@code bytes} to every Any value. */
  static Container mapStrings(Container c, UnaryOperator<String> text, UnaryOperator<ByteString> bytes) {
    Map<String, String> labels = new TreeMap<>();
    c.labels().forEach((k, v) -> labels.put(text.apply(k), text.apply(v)));
    Map<String, Any> ext = new TreeMap<>();
    c.extensions().forEach((k, v) -> ext.put(text.apply(k), mapAny(v, text, bytes)));
    return c.toBuilder().labels(labels).extensions(ext).image(text.apply(c.image()))
        .runtime(new RuntimeInfo(text.apply(c.runtime().name()),
            mapAny(c.runtime().options(), text, bytes)))
        .spec(mapAny(c.spec(), text, bytes)).snapshotter(text.apply(c.snapshotter()))
        .snapshotKey(text.apply(c.snapshotKey())).sandboxId(text.apply(c.sandboxId())).build();
  }

  /** Extensions and runtime options in a 64 KiB {@code BLOB} column: longer values are cut. */
  static final class TruncatesBlobsAt64KiB extends Forwarding {
    TruncatesBlobsAt64KiB() {
      super(new ReferenceStorage());
    }

    private static Any cut(Any a) {
      return a == null || a.getValue().size() <= 65535 ? a
          : a.toBuilder().setValue(a.getValue().substring(0, 65535)).build();
    }

    @Override
    Container stored(Container c) {
      Map<String, Any> ext = new TreeMap<>();
      c.extensions().forEach((k, v) -> ext.put(k, cut(v)));
      return c.toBuilder().extensions(ext)
          .runtime(new RuntimeInfo(c.runtime().name(), cut(c.runtime().options()))).build();
    }
  }

  /** An extension whose value is an empty Any is stored as SQL NULL and read back as absent. */
  static final class DropsEmptyAnyExtensions extends Forwarding {
    DropsEmptyAnyExtensions() {
      super(new ReferenceStorage());
    }

    @Override
    Container stored(Container c) {
      Map<String, Any> ext = new TreeMap<>(c.extensions());
      ext.values().removeIf(a -> a.getTypeUrl().isEmpty() && a.getValue().isEmpty());
      return c.toBuilder().extensions(ext).build();
    }
  }

  /** Type URLs in a {@code VARCHAR(1024)}: longer ones are cut. */
  static final class TruncatesTypeUrlsAt1024 extends Forwarding {
    TruncatesTypeUrlsAt1024() {
      super(new ReferenceStorage());
    }

    @Override
    Container stored(Container c) {
      return mapStrings(c, UnaryOperator.identity(), UnaryOperator.identity()).toBuilder()
          .spec(mapAny(c.spec(), BrokenStorages::cut1024, UnaryOperator.identity()))
          .runtime(new RuntimeInfo(c.runtime().name(),
              mapAny(c.runtime().options(), BrokenStorages::cut1024, UnaryOperator.identity())))
          .build();
    }
  }

  private static String cut1024(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return b.length <= 1024 ? s : new String(b, 0, 1024, StandardCharsets.UTF_8);
  }

  /** A 3-byte UTF-8 charset ({@code utf8mb3}): supplementary characters become {@code ?}. */
  static final class ThreeByteUtf8 extends Forwarding {
    ThreeByteUtf8() {
      super(new ReferenceStorage());
    }

    @Override
    Container stored(Container c) {
      return mapStrings(c, s -> s.codePoints().mapToObj(cp -> cp > 0xFFFF ? "?" : Character.toString(cp))
          .reduce("", String::concat), UnaryOperator.identity());
    }
  }

  /** Strings through a C API: everything from the first NUL on is lost. */
  static final class CutsStringsAtNul extends Forwarding {
    CutsStringsAtNul() {
      super(new ReferenceStorage());
    }

    @Override
    Container stored(Container c) {
      return mapStrings(c, s -> s.indexOf('\0') < 0 ? s : s.substring(0, s.indexOf('\0')),
          UnaryOperator.identity());
    }
  }

  /** Labels in a fixed-size table: at most 512 per container, the rest silently dropped. */
  static final class KeepsAtMost512Labels extends Forwarding {
    KeepsAtMost512Labels() {
      super(new ReferenceStorage());
    }

    @Override
    Container stored(Container c) {
      Map<String, String> kept = new LinkedHashMap<>();
      c.labels().entrySet().stream().limit(512).forEach(e -> kept.put(e.getKey(), e.getValue()));
      return c.toBuilder().labels(kept).build();
    }
  }

  /** A row limit of 8 MiB: a larger record fails with the driver's raw error. */
  static final class RecordsOver8MiBFail extends Forwarding {
    RecordsOver8MiBFail() {
      super(new ReferenceStorage());
    }

    @Override
    Container stored(Container c) {
      long size = c.spec().getValue().size();
      for (Any a : c.extensions().values()) {
        size += a.getValue().size();
      }
      if (size > 8 << 20) {
        throw new IllegalStateException("Packet for query is too large (" + size + " > 8388608)");
      }
      return c;
    }
  }

  /** An index of label values cut to 1024 bytes: {@code ==} on a longer value finds nothing. */
  static final class LabelIndexPrefixOf1024 extends Forwarding {
    LabelIndexPrefixOf1024() {
      super(new ReferenceStorage());
    }

    @Override
    List<Container> candidates(Filter filter, List<Container> correct) {
      if (filter.matchesAll()) {
        return correct;
      }
      return correct.stream().filter(c -> c.labels().entrySet().stream().noneMatch(e ->
          e.getKey().length() + e.getValue().length() > 1024)).toList();
    }
  }

  /** An index compared with PAD SPACE: values with trailing spaces are never candidates. */
  static final class IndexPadsSpaces extends Forwarding {
    IndexPadsSpaces() {
      super(new ReferenceStorage());
    }

    @Override
    List<Container> candidates(Filter filter, List<Container> correct) {
      if (filter.matchesAll()) {
        return correct;
      }
      return correct.stream().filter(c -> !c.image().endsWith(" ")
          && c.labels().values().stream().noneMatch(v -> v.endsWith(" "))).toList();
    }
  }

  /** An index of NFC-normalised values looked up with the raw one: NFD values are missed. */
  static final class IndexNormalisesUnicode extends Forwarding {
    IndexNormalisesUnicode() {
      super(new ReferenceStorage());
    }

    @Override
    List<Container> candidates(Filter filter, List<Container> correct) {
      if (filter.matchesAll()) {
        return correct;
      }
      return correct.stream().filter(c -> Normalizer.isNormalized(c.image(), Normalizer.Form.NFC)
          && c.labels().values().stream().allMatch(v -> Normalizer.isNormalized(v, Normalizer.Form.NFC)))
          .toList();
    }
  }

  /** A list query with {@code LIMIT 1000} left in. */
  static final class ListsAtMost1000 extends Forwarding {
    ListsAtMost1000() {
      super(new ReferenceStorage());
    }

    @Override
    List<Container> candidates(Filter filter, List<Container> correct) {
      return correct.size() <= 1000 ? correct : correct.subList(0, 1000);
    }
  }

  /** Pages of 500 rows through a cursor that skips the first row of every page after the first. */
  static final class StreamDropsFirstRowOfLaterPages extends Forwarding {
    StreamDropsFirstRowOfLaterPages() {
      super(new ReferenceStorage());
    }

    @Override
    public Stream<Container> stream(Context ctx, String namespace, Filter filter) {
      List<Container> all = read(ctx, namespace, r -> r.candidates(filter));
      List<Container> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (i < 500 || i % 500 != 0) {
          out.add(all.get(i));
        }
      }
      return out.stream();
    }
  }

  /** Pages by {@code OFFSET} over live data: rows written meanwhile shift the pages. */
  static final class StreamPagesByOffset extends Forwarding {
    StreamPagesByOffset() {
      super(new ReferenceStorage());
    }

    @Override
    public Stream<Container> stream(Context ctx, String namespace, Filter filter) {
      Iterator<Container> pages = new Iterator<>() {
        private int offset;
        private List<Container> page = List.of();
        private int next;

        @Override
        public boolean hasNext() {
          if (next < page.size()) {
            return true;
          }
          List<Container> all = read(ctx, namespace, r -> r.candidates(filter));
          page = all.subList(Math.min(offset, all.size()), Math.min(offset + 100, all.size()));
          offset += page.size();
          next = 0;
          return !page.isEmpty();
        }

        @Override
        public Container next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return page.get(next++);
        }
      };
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, 0), false);
    }
  }

  /**
   * Ten pooled connections; a stream gives its connection back when it is read to the end, but
   * closing it early does not (its {@code onClose} was never wired).
   */
  static final class StreamLeaksConnectionOnEarlyClose extends Forwarding {
    private final Semaphore pool = new Semaphore(10);

    StreamLeaksConnectionOnEarlyClose() {
      super(new ReferenceStorage());
    }

    @Override
    public Stream<Container> stream(Context ctx, String namespace, Filter filter) {
      try {
        if (!pool.tryAcquire(2, TimeUnit.SECONDS)) {
          throw new IllegalStateException("Connection is not available, request timed out");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      Iterator<Container> rows = read(ctx, namespace, r -> r.candidates(filter)).iterator();
      Iterator<Container> releasing = new Iterator<>() {
        private boolean released;

        @Override
        public boolean hasNext() {
          boolean more = rows.hasNext();
          if (!more && !released) {
            released = true;
            pool.release();
          }
          return more;
        }

        @Override
        public Container next() {
          return rows.next();
        }
      };
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(releasing, 0), false);
    }

    @Override
    public void close() {
      if (pool.availablePermits() < 10) {
        throw new IllegalStateException((10 - pool.availablePermits()) + " connections leaked");
      }
      super.close();
    }
  }
}
