package dev.ctrstore.cli;

import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.TransferReport;
import dev.ctrstore.Transfers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ctrstore copy --from CONFIG --to CONFIG}: every container of one store into another
 * (H2 to MariaDB, say), as they are, in batches of one transaction. Interrupted, it leaves whole
 * batches; run again, it skips what is there and completes the copy.
 */
@Command(name = "copy", mixinStandardHelpOptions = true,
    description = {"Copy containers from one store to another, as they are (timestamps kept),"
        + " in transactions of up to --batch-size containers (one each on a store with"
        + " revisions): every namespace, or the one given with -n.",
        "Interrupted (even killed), it leaves whole transactions; running it again completes it"
            + " and changes nothing once complete. Check the result with 'verify'."})
final class CopyCommand extends MoveCommand {
  @Option(names = "--from", required = true, paramLabel = "CONFIG",
      description = "The ctrstore.properties of the store to read.")
  Path from;

  @Option(names = "--to", required = true, paramLabel = "CONFIG",
      description = "The ctrstore.properties of the store to write.")
  Path to;

  @Option(names = "--no-count",
      description = "Do not count the source first (no percentage or time left).")
  boolean noCount;

  @Mixin WriteOptions write;

  @Override
  int run(PrintWriter out) {
    try (Store source = root.openStore(from); Store target = root.openStore(to)) {
      List<String> namespaces = namespaces().isEmpty()
          ? source.namespaces(Context.empty()) : namespaces();
      long total = noCount ? -1 : count(source, namespaces);
      Progress progress = progress(write.dryRun ? "checked" : "copied");
      TransferReport r = Transfers.copy(source, target,
          options(write, namespaces, progress, outOf(total)));
      progress.finish();
      return summary(r, write.dryRun ? "checked" : "copied", out);
    }
  }

  /** The containers to copy: one streaming read of the source, for the time left. */
  private static long count(Store store, List<String> namespaces) {
    long n = 0;
    for (String ns : namespaces) {
      try (Stream<dev.ctrstore.Container> s = store.stream(Context.withNamespace(ns))) {
        n += s.count();
      }
    }
    return n;
  }
}
