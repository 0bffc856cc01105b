package dev.ctrstore.cli;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs the {@code ctrstore} command in-process, as a user would type it, capturing exit code,
 * stdout and stderr. Every invocation opens its store through the given opener, just as the
 * real command does once per process.
 */
final class CliHarness {
  /** What one invocation produced. */
  record Result(int exit, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }
  }

  final Map<String, String> env = new HashMap<>();
  private final StoreOpener opener;
  @Nullable Path lastConfig;

  CliHarness(StoreOpener opener) {
    this.opener = config -> {
      lastConfig = config;
      return opener.open(config);
    };
  }

  /** A harness whose every invocation sees the same store, which stays open between them. */
  static CliHarness sharing(Store store) {
    return new CliHarness(config -> new KeepOpen(store));
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = Ctrstore.commandLine(env, opener);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** Delegates everything but {@link #close}, so one store outlives many invocations. */
  private record KeepOpen(Store store) implements Store {
    @Override
    public Container get(Context ctx, String id) {
      return store.get(ctx, id);
    }

    @Override
    public List<Container> list(Context ctx, String... filters) {
      return store.list(ctx, filters);
    }

    @Override
    public Stream<Container> stream(Context ctx, String... filters) {
      return store.stream(ctx, filters);
    }

    @Override
    public dev.ctrstore.Page page(Context ctx, int limit, @Nullable String pageToken,
        String... filters) {
      return store.page(ctx, limit, pageToken, filters);
    }

    @Override
    public Container create(Context ctx, Container container) {
      return store.create(ctx, container);
    }

    @Override
    public Container update(Context ctx, Container container, String... fieldPaths) {
      return store.update(ctx, container, fieldPaths);
    }

    @Override
    public void delete(Context ctx, String id) {
      store.delete(ctx, id);
    }

    @Override
    public void close() {}
  }
}
