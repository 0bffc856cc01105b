package dev.ctrstore;

import org.jspecify.annotations.Nullable;

/** The call cannot run as it stands, typically because its {@link Context} has no namespace. Kind {@link ErrorKind#FAILED_PRECONDITION}. */
public class FailedPreconditionException extends StoreException {
  private static final long serialVersionUID = 1L;

  public FailedPreconditionException(String message) {
    super(ErrorKind.FAILED_PRECONDITION, message);
  }

  public FailedPreconditionException(String message, @Nullable Throwable cause) {
    super(ErrorKind.FAILED_PRECONDITION, message, cause);
  }
}
