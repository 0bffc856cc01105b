package dev.ctrstore;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Transfers} moves containers. Immutable; build with {@link #builder()}. The defaults
 * suit most moves: every namespace, batches of at most 500 containers and 8 MiB each, conflicts
 * reported and left alone, writing for real, the first 1,000 problems kept in the report.
 */
public final class TransferOptions {
  private final List<String> namespaces;
  private final int batchSize;
  private final long batchBytes;
  private final boolean overwrite;
  private final boolean dryRun;
  private final int maxProblems;
  private final @Nullable Consumer<TransferReport> progress;

  private TransferOptions(Builder b) {
    this.namespaces = List.copyOf(b.namespaces);
    this.batchSize = b.batchSize;
    this.batchBytes = b.batchBytes;
    this.overwrite = b.overwrite;
    this.dryRun = b.dryRun;
    this.maxProblems = b.maxProblems;
    this.progress = b.progress;
  }

  /** The defaults. */
  public static TransferOptions defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The namespaces to read from a store; empty means every namespace. */
  public List<String> namespaces() {
    return namespaces;
  }

  /** The most containers written in one transaction. */
  public int batchSize() {
    return batchSize;
  }

  /** The most bytes (specs, options, extensions, labels) written in one transaction, roughly. */
  public long batchBytes() {
    return batchBytes;
  }

  /** Whether a different container with the same id in the target is replaced (else reported). */
  public boolean overwrite() {
    return overwrite;
  }

  /** Whether to only read and report what a write would do. */
  public boolean dryRun() {
    return dryRun;
  }

  /** How many problems (conflicts, failures) the report lists; the rest are only counted. */
  public int maxProblems() {
    return maxProblems;
  }

  /** Called with the running totals after every batch; null for none. */
  public @Nullable Consumer<TransferReport> progress() {
    return progress;
  }

  /** Builds {@link TransferOptions}. Not thread-safe. */
  public static final class Builder {
    private List<String> namespaces = List.of();
    private int batchSize = 500;
    private long batchBytes = 8L << 20;
    private boolean overwrite;
    private boolean dryRun;
    private int maxProblems = 1000;
    private @Nullable Consumer<TransferReport> progress;

    private Builder() {}

    /** Only these namespaces (none: all). */
    public Builder namespaces(List<String> namespaces) {
      this.namespaces = List.copyOf(Objects.requireNonNull(namespaces, "namespaces"));
      return this;
    }

    /** At most this many containers per transaction (at least 1). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new InvalidArgumentException("batchSize must be at least 1 (was " + batchSize + ")");
      }
      this.batchSize = batchSize;
      return this;
    }

    /** At most about this many bytes per transaction (at least 1; one container always fits). */
    public Builder batchBytes(long batchBytes) {
      if (batchBytes < 1) {
        throw new InvalidArgumentException("batchBytes must be at least 1 (was " + batchBytes + ")");
      }
      this.batchBytes = batchBytes;
      return this;
    }

    /** Replace a different container with the same id in the target, instead of reporting it. */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /** Only read and report what a write would do; the target is not written. */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** Problems listed in the report (at least 0). */
    public Builder maxProblems(int maxProblems) {
      if (maxProblems < 0) {
        throw new InvalidArgumentException("maxProblems must not be negative (was " + maxProblems
            + ")");
      }
      this.maxProblems = maxProblems;
      return this;
    }

    /** Called with the running totals after every batch, on the calling thread; null for none. */
    public Builder progress(@Nullable Consumer<TransferReport> progress) {
      this.progress = progress;
      return this;
    }

    /** The options set so far. */
    public TransferOptions build() {
      return new TransferOptions(this);
    }
  }
}
