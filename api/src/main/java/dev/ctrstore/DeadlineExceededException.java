package dev.ctrstore;

import org.jspecify.annotations.Nullable;

/** The {@link Context} deadline passed before the call finished; a write that reports this was rolled back. Kind {@link ErrorKind#DEADLINE_EXCEEDED}. */
public class DeadlineExceededException extends StoreException {
  private static final long serialVersionUID = 1L;

  public DeadlineExceededException(String message) {
    super(ErrorKind.DEADLINE_EXCEEDED, message);
  }

  public DeadlineExceededException(String message, @Nullable Throwable cause) {
    super(ErrorKind.DEADLINE_EXCEEDED, message, cause);
  }
}
