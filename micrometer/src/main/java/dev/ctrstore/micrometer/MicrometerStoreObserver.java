package dev.ctrstore.micrometer;

import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;
import dev.ctrstore.StoreInfo;
import dev.ctrstore.StoreObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  private final MeterRegistry registry;
  private final int namespaceLimit;
  private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
  /**
   * The meters already registered, by their tag values: a call then costs a map lookup on a
   * small record instead of building a meter id (tags sorted and copied) and looking it up in
   * the registry, which dominated the observer's cost on a fast {@code get}.
   */
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
  private final Map<SummaryKey, DistributionSummary> summaries = new ConcurrentHashMap<>();

  private record TimerKey(Operation operation, String backend, String namespace, String outcome) {}

  private record CounterKey(String name, Operation operation, String backend) {}

  private record SummaryKey(Operation operation, String backend, String namespace) {}

  private MicrometerStoreObserver(Builder b) {
    this.registry = b.registry;
    this.namespaceLimit = b.namespaceLimit;
  }

  /** A builder recording into {@code registry}. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  @Override
  public Observation start(Operation operation, StoreInfo store, String namespace,
      @Nullable String id, int filterCount) {
    Timer.Sample sample = Timer.start(registry);
    String backend = store.backend();
    String nsTag = namespaceTag(namespace);
    return new Observation() {
      private int retries;

      @Override
      public void retried(Throwable cause) {
        retries++;
        counter(RETRIES, "ctrstore transactions run again after a conflict", operation, backend)
            .increment();
      }

      @Override
      public void succeeded(int resultCount) {
        sample.stop(timer(operation, backend, nsTag, "ok"));
        if (resultCount >= 0) {
          summaries.computeIfAbsent(new SummaryKey(operation, backend, nsTag),
              k -> DistributionSummary.builder(RESULTS)
                  .description("containers returned by one ctrstore list or page")
                  .baseUnit("containers")
                  .tags(baseTags(operation, backend)).tag("namespace", nsTag)
                  .register(registry)).record(resultCount);
        }
      }

      @Override
      public void failed(StoreException error) {
        sample.stop(timer(operation, backend, nsTag, error.kind().name()));
        if (error.kind() == ErrorKind.ABORTED && retries > 0) {
          counter(CONFLICTS, "ctrstore calls whose transaction conflict outlived the retries",
              operation, backend).increment();
        }
      }
    };
  }

  private static Tags baseTags(Operation operation, String backend) {
    return Tags.of("operation", operation.tagValue(), "backend", backend);
  }

  private Timer timer(Operation operation, String backend, String nsTag, String outcome) {
    return timers.computeIfAbsent(new TimerKey(operation, backend, nsTag, outcome),
        k -> Timer.builder(OPERATIONS)
            .description("ctrstore store calls")
            .tags(baseTags(operation, backend)).tag("namespace", nsTag).tag("outcome", outcome)
            .register(registry));
  }

  private Counter counter(String name, String description, Operation operation, String backend) {
    return counters.computeIfAbsent(new CounterKey(name, operation, backend),
        k -> Counter.builder(name).description(description).tags(baseTags(operation, backend))
            .register(registry));
  }

  private String namespaceTag(String namespace) {
    if (namespace.isEmpty()) {
      return "";
    }
    if (namespaces.contains(namespace)) {
      return namespace;
    }
    // Racing first calls may admit a namespace or two past the limit: a bound, not an exact cap.
    if (namespaces.size() < namespaceLimit) {
      namespaces.add(namespace);
      return namespace;
    }
    return OTHER_NAMESPACE;
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
