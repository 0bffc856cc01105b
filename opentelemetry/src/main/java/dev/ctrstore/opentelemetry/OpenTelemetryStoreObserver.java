package dev.ctrstore.opentelemetry;

import dev.ctrstore.StoreException;
import dev.ctrstore.StoreInfo;
import dev.ctrstore.StoreObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Makes one OpenTelemetry span per store operation, named {@code ctrstore <operation>} (e.g.
 * {@code ctrstore get}, {@code ctrstore update_if}), of kind {@link SpanKind#CLIENT} when the
 * backend talks to a database and {@link SpanKind#INTERNAL} for the in-memory backend. A database
 * backend's span is current while the operation runs, so spans of an instrumented JDBC driver
 * nest under it.
 *
 * <p>Attributes: the database semantic conventions where they apply — {@value #DB_SYSTEM_NAME}
 * (e.g. {@code h2database}, {@code mariadb}), {@value #DB_NAMESPACE} (the database name),
 * {@value #DB_OPERATION_NAME} (the operation) — and {@value #NAMESPACE}, {@value #CONTAINER_ID}
 * (when the operation names one container), {@value #FILTER_COUNT} (operations that take
 * filters) and {@value #RESULT_COUNT} (how many containers a {@code list} or {@code page}
 * returned). A failed operation sets the span status to ERROR, records the exception and sets
 * {@value #ERROR_TYPE} to the {@link dev.ctrstore.ErrorKind} name; each transaction retry adds
 * an event {@value #RETRY_EVENT}. Thread-safe.
 */
public final class OpenTelemetryStoreObserver implements StoreObserver {
  /** The instrumentation scope name of the tracer. */
  public static final String INSTRUMENTATION_NAME = "dev.ctrstore";
  public static final String DB_SYSTEM_NAME = "db.system.name";
  public static final String DB_NAMESPACE = "db.namespace";
  public static final String DB_OPERATION_NAME = "db.operation.name";
  public static final String NAMESPACE = "ctrstore.namespace";
  public static final String CONTAINER_ID = "ctrstore.container.id";
  public static final String FILTER_COUNT = "ctrstore.filter.count";
  public static final String RESULT_COUNT = "ctrstore.result.count";
  public static final String ERROR_TYPE = "error.type";
  public static final String RETRY_EVENT = "ctrstore.retry";

  private static final AttributeKey<String> SYSTEM_KEY = AttributeKey.stringKey(DB_SYSTEM_NAME);
  private static final AttributeKey<String> DB_NS_KEY = AttributeKey.stringKey(DB_NAMESPACE);
  private static final AttributeKey<String> OP_KEY = AttributeKey.stringKey(DB_OPERATION_NAME);
  private static final AttributeKey<String> NS_KEY = AttributeKey.stringKey(NAMESPACE);
  private static final AttributeKey<String> ID_KEY = AttributeKey.stringKey(CONTAINER_ID);
  private static final AttributeKey<Long> FILTERS_KEY = AttributeKey.longKey(FILTER_COUNT);
  private static final AttributeKey<Long> RESULTS_KEY = AttributeKey.longKey(RESULT_COUNT);
  private static final AttributeKey<String> ERROR_KEY = AttributeKey.stringKey(ERROR_TYPE);
  private static final AttributeKey<String> CAUSE_KEY = AttributeKey.stringKey("exception.type");

  private static final Operation[] OPS = Operation.values();
  /** Span names by operation, so a call concatenates nothing. */
  private static final String[] SPAN_NAMES = new String[OPS.length];

  static {
    for (Operation op : OPS) {
      SPAN_NAMES[op.ordinal()] = "ctrstore " + op.tagValue();
    }
  }

  private final Tracer tracer;
  /**
   * What a span of the last store seen starts with: one store per observer is the rule, so a
   * call computes neither its kind nor its constant attributes.
   */
  private volatile @Nullable PerStore last;

  /**
   * The constants of one store's spans: kind, whether the span is made current, and per
   * operation the attributes that do not change from call to call.
   */
  private static final class PerStore {
    final StoreInfo info;
    final SpanKind kind;
    /**
     * Only a database backend runs code that may make spans of its own (an instrumented JDBC
     * driver or pool), which should nest under ours; the memory backend runs none, so its spans
     * skip the context switch.
     */
    final boolean makeCurrent;
    final Attributes[] constant = new Attributes[OPS.length];

    PerStore(StoreInfo info) {
      this.info = info;
      boolean inProcess = "memory".equals(info.system());
      this.kind = inProcess ? SpanKind.INTERNAL : SpanKind.CLIENT;
      this.makeCurrent = !inProcess;
      for (Operation op : OPS) {
        AttributesBuilder b = Attributes.builder().put(OP_KEY, op.tagValue());
        if (!inProcess) {
          b.put(SYSTEM_KEY, info.system());
          if (!info.database().isEmpty()) {
            b.put(DB_NS_KEY, info.database());
          }
        }
        constant[op.ordinal()] = b.build();
      }
    }
  }

  private OpenTelemetryStoreObserver(Tracer tracer) {
    this.tracer = tracer;
  }

  /** An observer tracing through {@code openTelemetry}'s tracer provider. */
  public static OpenTelemetryStoreObserver create(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return new OpenTelemetryStoreObserver(openTelemetry.getTracer(INSTRUMENTATION_NAME));
  }

  @Override
  public Observation start(Operation operation, StoreInfo store, String namespace,
      @Nullable String id, int filterCount) {
    PerStore p = last;
    if (p == null || p.info != store) {
      p = new PerStore(store);
      last = p;
    }
    SpanBuilder b = tracer.spanBuilder(SPAN_NAMES[operation.ordinal()])
        .setSpanKind(p.kind)
        .setAllAttributes(p.constant[operation.ordinal()])
        .setAttribute(NS_KEY, namespace);
    if (id != null) {
      b.setAttribute(ID_KEY, id);
    }
    if (takesFilters(operation)) {
      b.setAttribute(FILTERS_KEY, (long) filterCount);
    }
    Span span = b.startSpan();
    return new Traced(span, p.makeCurrent ? span.makeCurrent() : null);
  }

  /** One call's span, and its scope while it is current. */
  private static final class Traced implements Observation {
    private final Span span;
    private final @Nullable Scope scope;

    Traced(Span span, @Nullable Scope scope) {
      this.span = span;
      this.scope = scope;
    }

    @Override
    public void retried(Throwable cause) {
      span.addEvent(RETRY_EVENT, Attributes.of(CAUSE_KEY, cause.getClass().getName()));
    }

    @Override
    public void succeeded(int resultCount) {
      if (resultCount >= 0) {
        span.setAttribute(RESULTS_KEY, (long) resultCount);
      }
      end();
    }

    @Override
    public void failed(StoreException error) {
      span.setStatus(StatusCode.ERROR, error.kind().name());
      span.setAttribute(ERROR_KEY, error.kind().name());
      span.recordException(error);
      end();
    }

    private void end() {
      if (scope != null) {
        scope.close();
      }
      span.end();
    }
  }

  private static boolean takesFilters(Operation op) {
    return op == Operation.LIST || op == Operation.STREAM || op == Operation.PAGE;
  }
}
