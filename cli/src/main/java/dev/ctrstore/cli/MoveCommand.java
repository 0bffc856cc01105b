package dev.ctrstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ctrstore.TransferOptions;
import dev.ctrstore.TransferReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that moves or compares containers ({@code import}, {@code copy}, {@code import-containerd}):
 * the options of a {@link dev.ctrstore.Transfers} move, progress on stderr, and the summary of
 * its report on stdout. Exit code 0 when every container read is in the target, {@value
 * Ctrstore#EXIT_INCOMPLETE} when some conflicted or failed (listed), 1 when the move could not
 * run or stopped.
 */
abstract class MoveCommand implements Callable<Integer> {
  @ParentCommand Ctrstore root;
  @Spec CommandSpec spec;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      description = "Progress on stderr: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: a"
          + " bar on a terminal, else a line every --progress-interval).")
  Progress.Mode progressMode;

  @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
      description = "Seconds between progress lines when not on a terminal (default:"
          + " ${DEFAULT-VALUE}).")
  double progressSeconds;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      return run(out);
    } finally {
      out.flush();
      spec.commandLine().getErr().flush();
    }
  }

  abstract int run(PrintWriter out);

  /** A progress display for this command. */
  Progress progress(String verb) {
    return new Progress(spec.commandLine().getErr(), verb, progressMode,
        Duration.ofMillis(Math.max(1, Math.round(progressSeconds * 1000))));
  }

  /**
   * The options of the move, reporting progress after every batch; {@code fraction} gives the
   * share of the work done from the running report (negative: unknown).
   */
  static TransferOptions options(WriteOptions write, List<String> namespaces, Progress progress,
      ToDoubleFunction<TransferReport> fraction) {
    return TransferOptions.builder()
        .namespaces(namespaces)
        .batchSize(write.batchSize)
        .overwrite(write.overwrite)
        .dryRun(write.dryRun)
        .progress(r -> progress.update(r.total(), fraction.applyAsDouble(r)))
        .build();
  }

  /** The options of the commands that write a store. */
  static final class WriteOptions {
    @Option(names = "--dry-run",
        description = "Read everything and report what would be written; write nothing.")
    boolean dryRun;

    @Option(names = "--overwrite",
        description = "Replace a different container with the same id (default: report it as"
            + " conflicting and leave it).")
    boolean overwrite;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500",
        description = "Containers written per transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;
  }

  /** Prints the summary of {@code r} and returns the exit code. */
  int summary(TransferReport r, String verb, PrintWriter out) {
    if (root.json()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("dryRun", r.dryRun());
      o.put("copied", r.copied());
      o.put("replaced", r.replaced());
      o.put("identical", r.identical());
      o.put("conflicting", r.conflicting());
      o.put("failed", r.failed());
      o.put("seconds", r.elapsed().toMillis() / 1000.0);
      ArrayNode problems = o.putArray("problems");
      for (TransferReport.Problem p : r.problems()) {
        problems.addObject().put("namespace", p.namespace()).put("id", p.id())
            .put("kind", p.kind().name().toLowerCase(Locale.ROOT)).put("reason", p.reason());
      }
      o.put("problemsOmitted", r.problemsOmitted());
      out.println(Render.text(o));
    } else {
      double seconds = Math.max(r.elapsed().toMillis(), 1) / 1000.0;
      out.println((r.dryRun() ? "dry run, nothing written: " : "") + verb + " "
          + Progress.count(r.total()) + " containers in "
          + String.format(Locale.ROOT, "%.1f", seconds) + " s ("
          + Progress.count(Math.round(r.total() / seconds)) + "/s): "
          + Progress.count(r.copied()) + " new, " + Progress.count(r.replaced()) + " replaced, "
          + Progress.count(r.identical()) + " identical, " + Progress.count(r.conflicting())
          + " conflicting, " + Progress.count(r.failed()) + " failed");
      for (TransferReport.Problem p : r.problems()) {
        out.println(p.kind().name().toLowerCase(Locale.ROOT) + "\t" + p.namespace() + "/"
            + p.id() + "\t" + p.reason());
      }
      if (r.problemsOmitted() > 0) {
        out.println("(" + Progress.count(r.problemsOmitted()) + " more not listed)");
      }
    }
    return r.complete() ? 0 : Ctrstore.EXIT_INCOMPLETE;
  }

  /** The share of {@code total} containers done ({@code -1} when the total is unknown). */
  static ToDoubleFunction<TransferReport> outOf(long total) {
    return r -> total > 0 ? Math.min(1, (double) r.total() / total) : -1;
  }

  /** The namespaces a move reads: the one given with -n, else every namespace. */
  List<String> namespaces() {
    return root.namespaceGiven() ? List.of(root.namespace()) : List.of();
  }
}
