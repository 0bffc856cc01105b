package dev.ctrstore;

/**
 * The kind of a {@link StoreException}, matching the error kinds containerd's container store
 * reports. Each kind carries the gRPC status code containerd maps it to, so a service built on
 * ctrstore can answer exactly as containerd would.
 */
public enum ErrorKind {
  /** The input is at fault: a validation rule, a filter that does not parse, a rejected path. */
  INVALID_ARGUMENT(3, "invalid argument"),
  /** No container with that id exists in the namespace. */
  NOT_FOUND(5, "not found"),
  /** A container with that id already exists in the namespace. */
  ALREADY_EXISTS(6, "already exists"),
  /** The call cannot run in the present state, for example because it carries no namespace. */
  FAILED_PRECONDITION(9, "failed precondition"),
  /** The backend cannot be reached; the call may succeed if retried later. */
  UNAVAILABLE(14, "unavailable"),
  /** The {@link Context} deadline passed before the call completed. */
  DEADLINE_EXCEEDED(4, "deadline exceeded"),
  /**
   * The call lost a race: a transaction conflict outlived the backend's retries, or a conditional
   * write found another revision than it expected. Nothing was written; retrying is safe.
   */
  ABORTED(10, "aborted"),
  /**
   * The backend does not offer the operation, e.g. revisions, conditional writes or watches on a
   * backend that does not keep revisions. containerd's {@code ErrNotImplemented}.
   */
  UNIMPLEMENTED(12, "not implemented"),
  /** Anything else: a backend failure that fits no other kind. */
  UNKNOWN(2, "unknown");

  private final int grpcCode;
  private final String text;

  ErrorKind(int grpcCode, String text) {
    this.grpcCode = grpcCode;
    this.text = text;
  }

  /** The numeric gRPC status code containerd uses for this kind (e.g. 5 for NOT_FOUND). */
  public int grpcCode() {
    return grpcCode;
  }

  /** containerd's text for the kind, e.g. {@code "not found"}. */
  public String text() {
    return text;
  }
}
