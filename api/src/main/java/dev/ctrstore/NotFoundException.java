package dev.ctrstore;

import org.jspecify.annotations.Nullable;

/** No container with the given id exists in the namespace. Kind {@link ErrorKind#NOT_FOUND}. */
public class NotFoundException extends StoreException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(ErrorKind.NOT_FOUND, message);
  }

  public NotFoundException(String message, @Nullable Throwable cause) {
    super(ErrorKind.NOT_FOUND, message, cause);
  }
}
