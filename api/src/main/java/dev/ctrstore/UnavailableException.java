package dev.ctrstore;

import org.jspecify.annotations.Nullable;

/** The backend could not be reached; nothing is known to have been written, and a retry may succeed. Kind {@link ErrorKind#UNAVAILABLE}. */
public class UnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message) {
    super(ErrorKind.UNAVAILABLE, message);
  }

  public UnavailableException(String message, @Nullable Throwable cause) {
    super(ErrorKind.UNAVAILABLE, message, cause);
  }
}
