package dev.ctrstore;

import org.jspecify.annotations.Nullable;

/**
 * The backend does not offer this operation: it does not keep revisions, so it has no {@link
 * Store#revision}, {@link Store#updateIf}, {@link Store#deleteIf} or {@link Store#watch}. Kind
 * {@link ErrorKind#UNIMPLEMENTED}, gRPC code 12. Retrying does not help.
 */
public class UnimplementedException extends StoreException {
  private static final long serialVersionUID = 1L;

  public UnimplementedException(String message) {
    super(ErrorKind.UNIMPLEMENTED, message);
  }

  public UnimplementedException(String message, @Nullable Throwable cause) {
    super(ErrorKind.UNIMPLEMENTED, message, cause);
  }
}
