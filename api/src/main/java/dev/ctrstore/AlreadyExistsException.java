package dev.ctrstore;

import org.jspecify.annotations.Nullable;

/** A container with the given id already exists in the namespace. Kind {@link ErrorKind#ALREADY_EXISTS}. */
public class AlreadyExistsException extends StoreException {
  private static final long serialVersionUID = 1L;

  public AlreadyExistsException(String message) {
    super(ErrorKind.ALREADY_EXISTS, message);
  }

  public AlreadyExistsException(String message, @Nullable Throwable cause) {
    super(ErrorKind.ALREADY_EXISTS, message, cause);
  }
}
