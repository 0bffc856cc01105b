package dev.ctrstore;

import org.jspecify.annotations.Nullable;

/** The input broke a rule; the message names the field, the value and the rule. Nothing was written. Kind {@link ErrorKind#INVALID_ARGUMENT}. */
public class InvalidArgumentException extends StoreException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(ErrorKind.INVALID_ARGUMENT, message);
  }

  public InvalidArgumentException(String message, @Nullable Throwable cause) {
    super(ErrorKind.INVALID_ARGUMENT, message, cause);
  }
}
