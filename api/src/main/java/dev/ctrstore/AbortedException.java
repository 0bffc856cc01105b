package dev.ctrstore;

import org.jspecify.annotations.Nullable;

/**
 * The call lost a race with another writer and wrote nothing: a transaction conflict that
 * persisted through the backend's retries, or a conditional write whose expected revision no
 * longer matched. Retrying (after re-reading, for a conditional write) is safe. Kind {@link
 * ErrorKind#ABORTED}, gRPC code 10, containerd's {@code ErrAborted}.
 */
public class AbortedException extends StoreException {
  private static final long serialVersionUID = 1L;

  public AbortedException(String message) {
    super(ErrorKind.ABORTED, message);
  }

  public AbortedException(String message, @Nullable Throwable cause) {
    super(ErrorKind.ABORTED, message, cause);
  }
}
