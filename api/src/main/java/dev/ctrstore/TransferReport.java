package dev.ctrstore;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Transfers} move did, or has done so far (the progress callback receives one
 * after every batch). Immutable. Every container read is counted exactly once: copied (id was
 * free), replaced (different record overwritten, only with {@link TransferOptions#overwrite}),
 * identical (already there, nothing written), conflicting (a different record is there and was
 * left alone) or failed (refused by validation or by the target). In a dry run the counts say
 * what a write would do.
 *
 * @param copied containers inserted
 * @param replaced containers that replaced a different record with the same id
 * @param identical containers already present exactly as read
 * @param conflicting containers whose id holds a different record in the target
 * @param failed containers not written because of an error
 * @param problems the first conflicts and failures, up to {@link TransferOptions#maxProblems}
 * @param elapsed the time since the move began
 * @param dryRun whether nothing was written
 */
public record TransferReport(long copied, long replaced, long identical, long conflicting,
    long failed, List<Problem> problems, Duration elapsed, boolean dryRun) {

  public TransferReport {
    problems = List.copyOf(problems);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Every container read. */
  public long total() {
    return copied + replaced + identical + conflicting + failed;
  }

  /** True when nothing conflicted and nothing failed: the target holds every container read. */
  public boolean complete() {
    return conflicting == 0 && failed == 0;
  }

  /** Problems counted but not listed (beyond {@link TransferOptions#maxProblems}). */
  public long problemsOmitted() {
    return conflicting + failed - problems.size();
  }

  /** The kind of a problem. */
  public enum Kind {
    /** A different container with the same id is in the target; {@code reason} names the fields. */
    CONFLICTING,
    /** The container could not be written; {@code reason} says why. */
    FAILED
  }

  /**
   * One container that was not written.
   *
   * @param namespace its namespace
   * @param id its id
   * @param kind conflict or failure
   * @param reason the differing fields, or the error message
   */
  public record Problem(String namespace, String id, Kind kind, String reason) {}
}
