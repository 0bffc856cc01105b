package dev.ctrstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What every {@link Store} call carries besides its arguments: the namespace it works in and
 * an optional deadline. Immutable; each {@code with…} method returns a new context.
 *
 * <p>A call whose context has no namespace fails with {@link FailedPreconditionException}; a
 * namespace that breaks containerd's identifier grammar fails with {@link
 * InvalidArgumentException}. A call that is still running when the deadline passes fails with
 * {@link DeadlineExceededException}; a write that fails that way has been rolled back.
 */
public final class Context {
  private static final Context EMPTY = new Context(null, null);

  private final @Nullable String namespace;
  private final @Nullable Instant deadline;

  private Context(@Nullable String namespace, @Nullable Instant deadline) {
    this.namespace = namespace;
    this.deadline = deadline;
  }

  /** A context with neither namespace nor deadline; store calls with it fail until a namespace is set. */
  public static Context empty() {
    return EMPTY;
  }

  /** A context for the given namespace, with no deadline. */
  public static Context withNamespace(String namespace) {
    return new Context(Objects.requireNonNull(namespace, "namespace"), null);
  }

  /** This context moved to another namespace, keeping its deadline. */
  public Context inNamespace(String namespace) {
    return new Context(Objects.requireNonNull(namespace, "namespace"), deadline);
  }

  /** This context with the given absolute deadline. */
  public Context withDeadline(Instant deadline) {
    return new Context(namespace, Objects.requireNonNull(deadline, "deadline"));
  }

  /** This context with a deadline {@code timeout} from now. */
  public Context withTimeout(Duration timeout) {
    return withDeadline(Clock.systemUTC().instant().plus(Objects.requireNonNull(timeout, "timeout")));
  }

  /** The namespace, or {@code null} if none was set. */
  public @Nullable String namespace() {
    return namespace;
  }

  /** The deadline, or {@code null} if the call may run without limit. */
  public @Nullable Instant deadline() {
    return deadline;
  }

  /** Time left until the deadline (zero or negative once it passed), empty when there is none. */
  public Optional<Duration> remaining() {
    return deadline == null
        ? Optional.empty()
        : Optional.of(Duration.between(Clock.systemUTC().instant(), deadline));
  }

  /** True when a deadline is set and has passed. */
  public boolean isExpired() {
    return deadline != null && !Clock.systemUTC().instant().isBefore(deadline);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Context c
        && Objects.equals(namespace, c.namespace)
        && Objects.equals(deadline, c.deadline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, deadline);
  }

  @Override
  public String toString() {
    return "Context{namespace=" + namespace + ", deadline=" + deadline + "}";
  }
}
