package dev.ctrstore.micrometer;

import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;
import dev.ctrstore.StoreInfo;
import dev.ctrstore.StoreObserver;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Records ctrstore's metrics in a Micrometer {@link MeterRegistry}. Names follow Micrometer's
 * conventions (dot-separated, lower case, base units), so Prometheus shows them as
 * {@code ctrstore_operations_seconds}, {@code ctrstore_transaction_retries_total}, … :
 *
 * <ul>
 *   <li>{@value #OPERATIONS} (timer): every call, tagged {@code operation} ({@code get},
 *       {@code list}, {@code stream}, {@code create}, {@code update}, {@code delete},
 *       {@code revision}, {@code update_if}, {@code delete_if}, {@code watch}, {@code page}),
 *       {@code backend}, {@code namespace} and {@code outcome} ({@code ok} or the {@link
 *       ErrorKind} name, e.g. {@code NOT_FOUND});
 *   <li>{@value #RETRIES} (counter): transactions run again after a conflict, tagged {@code
 *       operation}, {@code backend};
 *   <li>{@value #CONFLICTS} (counter): calls that failed {@code ABORTED} after at least one
 *       retry, i.e. conflicts that outlived the retries;
 *   <li>{@value #RESULTS} (distribution summary, base unit {@code containers}): how many
 *       containers each {@code list} and {@code page} returned.
 * </ul>
 *
 * <p>Namespaces are user data, so the {@code namespace} tag is bounded: the first {@link
 * Builder#namespaceTagLimit} distinct namespaces (default {@value #DEFAULT_NAMESPACE_LIMIT})
 * get their own value and every later one is tagged {@value #OTHER_NAMESPACE} (a name no
 * containerd namespace can have). Thread-safe.
 */
public final class MicrometerStoreObserver implements StoreObserver {
  /** Timer of every store call. */
  public static final String OPERATIONS = "ctrstore.operations";
  /** Counter of transaction retries after a conflict. */
  public static final String RETRIES = "ctrstore.transaction.retries";
  /** Counter of conflicts that outlived the retries (calls failed ABORTED). */
  public static final String CONFLICTS = "ctrstore.transaction.conflicts";
  /** Distribution of the number of containers a list or page returned. */
  public static final String RESULTS = "ctrstore.list.results";
  /** The namespace tag of namespaces past the limit. */
  public static final String OTHER_NAMESPACE = "_other";
  /** The default number of namespaces tagged by name. */
  public static final int DEFAULT_NAMESPACE_LIMIT = 16;

  private static final Operation[] OPS = Operation.values();
  private static final ErrorKind[] KINDS = ErrorKind.values();
  /** Outcome index 0 is {@code ok}; index {@code 1 + kind.ordinal()} is that error kind. */
  private static final int OUTCOMES = 1 + KINDS.length;

  private final MeterRegistry registry;
  private final Clock clock;
  private final int namespaceLimit;
  private final ConcurrentHashMap<String, BackendMeters> backends = new ConcurrentHashMap<>();
  /**
   * The meters of the last (backend, namespace) seen: a service mostly calls with one namespace,
   * so a call usually costs two string comparisons here and no map lookup, tag building or
   * meter registration (which dominated the observer's cost on a fast {@code get}).
   */
  private volatile @Nullable Last last;

  private record Last(String backend, String namespace, NamespaceMeters meters) {}

  private MicrometerStoreObserver(Builder b) {
    this.registry = b.registry;
    this.clock = registry.config().clock();
    this.namespaceLimit = b.namespaceLimit;
  }

  /** A builder recording into {@code registry}. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  @Override
  public Observation start(Operation operation, StoreInfo store, String namespace,
      @Nullable String id, int filterCount) {
    return new Timing(meters(store.backend(), namespace), operation, clock.monotonicTime());
  }

  /** One call in progress: the only object a call allocates. */
  private final class Timing implements Observation {
    private final NamespaceMeters meters;
    private final Operation operation;
    private final long startNanos;
    private int retries;

    Timing(NamespaceMeters meters, Operation operation, long startNanos) {
      this.meters = meters;
      this.operation = operation;
      this.startNanos = startNanos;
    }

    @Override
    public void retried(Throwable cause) {
      retries++;
      meters.backend.counter(meters.backend.retries, RETRIES,
          "ctrstore transactions run again after a conflict", operation).increment();
    }

    @Override
    public void succeeded(int resultCount) {
      meters.timer(operation, 0).record(clock.monotonicTime() - startNanos, TimeUnit.NANOSECONDS);
      if (resultCount >= 0) {
        meters.summary(operation).record(resultCount);
      }
    }

    @Override
    public void failed(StoreException error) {
      meters.timer(operation, 1 + error.kind().ordinal())
          .record(clock.monotonicTime() - startNanos, TimeUnit.NANOSECONDS);
      if (error.kind() == ErrorKind.ABORTED && retries > 0) {
        meters.backend.counter(meters.backend.conflicts, CONFLICTS,
            "ctrstore calls whose transaction conflict outlived the retries", operation)
            .increment();
      }
    }
  }

  private NamespaceMeters meters(String backend, String namespace) {
    Last l = last;
    if (l != null && l.namespace.equals(namespace) && l.backend.equals(backend)) {
      return l.meters;
    }
    NamespaceMeters m = backends.computeIfAbsent(backend, BackendMeters::new).of(namespace);
    last = new Last(backend, namespace, m);
    return m;
  }

  /** The meters of one backend: its counters, and its namespaces' meters. */
  private final class BackendMeters {
    final String backend;
    final AtomicReferenceArray<Counter> retries = new AtomicReferenceArray<>(OPS.length);
    final AtomicReferenceArray<Counter> conflicts = new AtomicReferenceArray<>(OPS.length);
    final ConcurrentHashMap<String, NamespaceMeters> namespaces = new ConcurrentHashMap<>();
    final NamespaceMeters other;
    final NamespaceMeters none;

    BackendMeters(String backend) {
      this.backend = backend;
      this.other = new NamespaceMeters(this, OTHER_NAMESPACE);
      this.none = new NamespaceMeters(this, "");
    }

    NamespaceMeters of(String namespace) {
      if (namespace.isEmpty()) {
        return none;
      }
      NamespaceMeters m = namespaces.get(namespace);
      if (m != null) {
        return m;
      }
      // Racing first calls may admit a namespace or two past the limit: a bound, not a cap.
      if (namespaces.size() >= namespaceLimit) {
        return other;
      }
      return namespaces.computeIfAbsent(namespace, ns -> new NamespaceMeters(this, ns));
    }

    Counter counter(AtomicReferenceArray<Counter> counters, String name, String description,
        Operation operation) {
      Counter c = counters.get(operation.ordinal());
      if (c == null) {
        // Registering twice returns the same meter, so a race here is harmless.
        c = Counter.builder(name).description(description).tags(baseTags(operation, backend))
            .register(registry);
        counters.set(operation.ordinal(), c);
      }
      return c;
    }
  }

  /** The timers (by operation and outcome) and list sizes of one backend and namespace tag. */
  private final class NamespaceMeters {
    final BackendMeters backend;
    final String tag;
    final AtomicReferenceArray<Timer> timers =
        new AtomicReferenceArray<>(OPS.length * OUTCOMES);
    final AtomicReferenceArray<DistributionSummary> summaries =
        new AtomicReferenceArray<>(OPS.length);

    NamespaceMeters(BackendMeters backend, String tag) {
      this.backend = backend;
      this.tag = tag;
    }

    Timer timer(Operation operation, int outcome) {
      int i = operation.ordinal() * OUTCOMES + outcome;
      Timer t = timers.get(i);
      if (t == null) {
        t = Timer.builder(OPERATIONS)
            .description("ctrstore store calls")
            .tags(baseTags(operation, backend.backend)).tag("namespace", tag)
            .tag("outcome", outcome == 0 ? "ok" : KINDS[outcome - 1].name())
            .register(registry);
        timers.set(i, t);
      }
      return t;
    }

    DistributionSummary summary(Operation operation) {
      DistributionSummary s = summaries.get(operation.ordinal());
      if (s == null) {
        s = DistributionSummary.builder(RESULTS)
            .description("containers returned by one ctrstore list or page")
            .baseUnit("containers")
            .tags(baseTags(operation, backend.backend)).tag("namespace", tag)
            .register(registry);
        summaries.set(operation.ordinal(), s);
      }
      return s;
    }
  }

  private static Tags baseTags(Operation operation, String backend) {
    return Tags.of("operation", operation.tagValue(), "backend", backend);
  }

  /** Configures a {@link MicrometerStoreObserver}. */
  public static final class Builder {
    private final MeterRegistry registry;
    private int namespaceLimit = DEFAULT_NAMESPACE_LIMIT;

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * How many distinct namespaces get their own {@code namespace} tag value; later ones are
     * tagged {@value MicrometerStoreObserver#OTHER_NAMESPACE}. 0 tags every call that way.
     */
    public Builder namespaceTagLimit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("namespaceTagLimit must be >= 0, was " + limit);
      }
      this.namespaceLimit = limit;
      return this;
    }

    /** The observer. */
    public MicrometerStoreObserver build() {
      return new MicrometerStoreObserver(this);
    }
  }
}
