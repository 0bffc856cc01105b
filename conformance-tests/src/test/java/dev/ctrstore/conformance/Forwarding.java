package dev.ctrstore.conformance;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.spi.Storage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A storage that passes everything to a correct one; each broken storage overrides the one thing
 * it gets wrong. {@link #stored} changes what is written, {@link #candidates} what filters see.
 */
abstract class Forwarding implements Storage {
  final Storage delegate;

  Forwarding(Storage delegate) {
    this.delegate = delegate;
  }

  /** What the storage keeps of {@code c}: {@code c} itself unless the storage mangles it. */
  Container stored(Container c) {
    return c;
  }

  /** The candidates the storage gives for {@code filter}, from the correct ones. */
  List<Container> candidates(Filter filter, List<Container> correct) {
    return correct;
  }

  @Override
  public <T> T read(Context ctx, String namespace, ReadWork<T> work) {
    return delegate.read(ctx, namespace, r -> work.run(reader(r)));
  }

  @Override
  public <T> T write(Context ctx, String namespace, WriteWork<T> work) {
    return delegate.write(ctx, namespace, w -> work.run(writer(w)));
  }

  @Override
  public @Nullable Container get(Context ctx, String namespace, String id) {
    return delegate.get(ctx, namespace, id);
  }

  @Override
  public List<String> namespaces(Context ctx) {
    return delegate.namespaces(ctx);
  }

  @Override
  public void close() {
    delegate.close();
  }

  Reader reader(Reader r) {
    return new Reader() {
      @Override
      public @Nullable Container get(String id) {
        return r.get(id);
      }

      @Override
      public List<Container> candidates(Filter filter) {
        return Forwarding.this.candidates(filter, r.candidates(filter));
      }
    };
  }

  Writer writer(Writer w) {
    return new Writer() {
      @Override
      public @Nullable Container get(String id) {
        return w.get(id);
      }

      @Override
      public List<Container> candidates(Filter filter) {
        return Forwarding.this.candidates(filter, w.candidates(filter));
      }

      @Override
      public @Nullable Container getForUpdate(String id) {
        return w.getForUpdate(id);
      }

      @Override
      public boolean insert(Container container) {
        return w.insert(stored(container));
      }

      @Override
      public void replace(Container previous, Container next) {
        w.replace(previous, stored(next));
      }

      @Override
      public boolean delete(String id) {
        return w.delete(id);
      }
    };
  }
}
