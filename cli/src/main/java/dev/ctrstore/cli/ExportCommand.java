package dev.ctrstore.cli;

import dev.ctrstore.Context;
import dev.ctrstore.NamespacedContainer;
import dev.ctrstore.Store;
import dev.ctrstore.Transfers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ctrstore export [-n NS | -A] [-o FILE]}: containers as JSON Lines, one per line with its
 * namespace, streamed (any size, bounded memory). A file is written under a temporary name and
 * renamed when complete, so an interrupted export leaves no partial file.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write containers as JSON Lines: one container per line, the object of"
        + " 'info --format json' with its \"namespace\" (Any values as type_url and base64"
        + " value, times in UTC).",
        "Exports the namespace of -n (default: $" + Ctrstore.NAMESPACE_ENV + ", else \""
            + Ctrstore.DEFAULT_NAMESPACE + "\"), or every namespace with -A."})
final class ExportCommand extends MoveCommand {
  @Option(names = {"-A", "--all-namespaces"}, description = "Export every namespace.")
  boolean all;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to FILE instead of standard output ('-').")
  @Nullable Path output;

  @Override
  int run(PrintWriter out) {
    if (all && root.namespaceGiven()) {
      throw new ParameterException(spec.commandLine(),
          "-n and --all-namespaces exclude each other");
    }
    boolean toFile = output != null && !output.toString().equals("-");
    try (Store store = root.openStore()) {
      List<String> namespaces = all ? store.namespaces(Context.empty())
          : List.of(root.namespace());
      if (!toFile) {
        return export(store, namespaces, out, null);
      }
      Path target = output.toAbsolutePath();
      Path tmp = target.resolveSibling(target.getFileName() + ".partial");
      try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp),
          StandardCharsets.UTF_8), 1 << 16)) {
        export(store, namespaces, w, target);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        deleteQuietly(tmp);
        throw e;
      }
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot rename " + tmp + " to " + target + ": "
            + e.getMessage(), e);
      }
      return 0;
    }
  }

  private int export(Store store, List<String> namespaces, Writer w, @Nullable Path file) {
    Progress progress = progress("exported");
    long n = 0;
    try (Stream<NamespacedContainer> s = Transfers.read(store, namespaces)) {
      for (Iterator<NamespacedContainer> it = s.iterator(); it.hasNext(); ) {
        w.write(ContainerLines.line(it.next()));
        w.write('\n');
        n++;
        progress.update(n, -1);
      }
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
    }
    progress.finish();
    PrintWriter err = spec.commandLine().getErr();
    err.println("exported " + Progress.count(n) + " containers of " + namespaces.size()
        + (namespaces.size() == 1 ? " namespace" : " namespaces")
        + (file == null ? "" : " to " + file) + " in "
        + String.format(java.util.Locale.ROOT, "%.1f", progress.seconds()) + " s");
    return 0;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the original failure is what matters
    }
  }
}
