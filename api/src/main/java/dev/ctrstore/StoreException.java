package dev.ctrstore;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The base of every error a {@link Store} reports. Unchecked; {@link #kind()} says which of
 * containerd's error kinds it is. Subclasses exist for the kinds callers usually handle; a
 * backend failure that fits none of them is a plain {@code StoreException} of kind
 * {@link ErrorKind#UNKNOWN}. Messages name the container, the field and the rule that failed.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;

  public StoreException(ErrorKind kind, String message) {
    this(kind, message, null);
  }

  public StoreException(ErrorKind kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** The error kind; never null. */
  public ErrorKind kind() {
    return kind;
  }
}
