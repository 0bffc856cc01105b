package dev.ctrstore.cli;

import dev.ctrstore.NamespacedContainer;
import dev.ctrstore.Store;
import dev.ctrstore.TransferReport;
import dev.ctrstore.Transfers;
import dev.ctrstore.containerd.MetaDb;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ctrstore import-containerd PATH/meta.db}: the containers of containerd's own metadata
 * database into the store. The file is only ever read (never locked, so a running containerd is
 * not disturbed) and is read through once before anything is written: a truncated or corrupted
 * file is refused with nothing written.
 */
@Command(name = "import-containerd", mixinStandardHelpOptions = true,
    description = {"Import the containers of containerd's metadata database (bbolt meta.db,"
        + " usually /var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db): every"
        + " namespace (or the one given with -n), every field, timestamps kept (to the"
        + " microsecond). Images, leases, snapshots, content and sandboxes are not imported.",
        "The file is opened read-only and never locked; it is checked whole before anything is"
            + " written, so a damaged file is refused with nothing written. If containerd"
            + " commits meanwhile the import stops (run it again)."})
final class ImportContainerdCommand extends MoveCommand {
  @Parameters(paramLabel = "META_DB", description = "containerd's meta.db file.")
  Path path;

  @Mixin WriteOptions write;

  @Override
  int run(PrintWriter out) {
    try (MetaDb db = MetaDb.open(path)) {
      List<String> namespaces = namespaces().isEmpty() ? db.namespaces() : namespaces();
      long total = check(db, namespaces);
      try (Store store = root.openStore();
          Stream<NamespacedContainer> source = Transfers.concat(namespaces, db::containers)) {
        Progress progress = progress(write.dryRun ? "checked" : "imported");
        TransferReport r = Transfers.write(source, store,
            options(write, namespaces, progress, outOf(total)));
        progress.finish();
        return summary(r, write.dryRun ? "checked" : "imported", out);
      }
    }
  }

  /** Decodes every container once, writing nothing: damage is found before any write. */
  private long check(MetaDb db, List<String> namespaces) {
    Progress progress = progress("read");
    long n = 0;
    try (Stream<NamespacedContainer> s = Transfers.concat(namespaces, db::containers)) {
      for (var it = s.iterator(); it.hasNext(); it.next()) {
        progress.update(++n, -1);
      }
    }
    progress.finish();
    return n;
  }
}
