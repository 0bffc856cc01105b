package dev.ctrstore;

import com.google.protobuf.Any;
import dev.ctrstore.internal.AsIs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The running totals of a move, turned into a {@link TransferReport} on demand. */
final class TransferTally {
  private final TransferOptions options;
  private final long started = System.nanoTime();
  private final List<TransferReport.Problem> problems = new ArrayList<>();
  private long copied;
  private long replaced;
  private long identical;
  private long conflicting;
  private long failed;

  TransferTally(TransferOptions options) {
    this.options = options;
  }

  void record(String namespace, List<AsIs.Result> results) {
    for (AsIs.Result r : results) {
      switch (r.outcome()) {
        case COPIED -> copied++;
        case REPLACED -> replaced++;
        case IDENTICAL -> identical++;
        case CONFLICTING -> {
          conflicting++;
          problem(namespace, r.id(), TransferReport.Kind.CONFLICTING,
              "a different container is stored (" + String.join(", ", r.fields()) + " differ)");
        }
      }
    }
  }

  void failed(String namespace, String id, String reason) {
    failed++;
    problem(namespace, id, TransferReport.Kind.FAILED, reason);
  }

  void progress() {
    if (options.progress() != null) {
      options.progress().accept(report());
    }
  }

  TransferReport report() {
    return new TransferReport(copied, replaced, identical, conflicting, failed, problems,
        Duration.ofNanos(System.nanoTime() - started), options.dryRun());
  }

  private void problem(String namespace, String id, TransferReport.Kind kind, String reason) {
    if (problems.size() < options.maxProblems()) {
      problems.add(new TransferReport.Problem(namespace, id, kind, reason));
    }
  }

  /** Roughly the bytes a container puts into a transaction. */
  static long size(Container c) {
    long n = 256 + c.id().length() + c.image().length() + size(c.spec())
        + size(c.runtime().options());
    for (Map.Entry<String, String> e : c.labels().entrySet()) {
      n += 2L * (e.getKey().length() + e.getValue().length());
    }
    for (Map.Entry<String, Any> e : c.extensions().entrySet()) {
      n += e.getKey().length() + size(e.getValue());
    }
    return n;
  }

  static String message(RuntimeException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getName() : m;
  }

  private static long size(@Nullable Any any) {
    return any == null ? 0 : any.getTypeUrl().length() + any.getValue().size();
  }
}
