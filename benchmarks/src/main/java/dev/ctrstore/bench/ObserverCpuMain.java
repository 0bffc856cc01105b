package dev.ctrstore.bench;

import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import dev.ctrstore.StoreInfo;
import dev.ctrstore.StoreObserver;
import dev.ctrstore.bench.Fixtures.Backend;
import dev.ctrstore.micrometer.MicrometerStoreObserver;
import dev.ctrstore.opentelemetry.OpenTelemetryStoreObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The observers' cost on {@code get} in CPU time of the calling thread, for a machine too busy
 * for wall-clock throughput ({@link ObserverOverheadMain}) to mean anything: the four variants
 * of {@link ObserverOverheadBenchmark} and {@code noop} (an observer that records nothing, the
 * engine's own share) , {@code tracing 1/10} (one
 * call in ten sampled) and {@code bare span} and {@code bare 1/10} (a span with a name
 * only: the SDK's own share, sampled and one in ten) over
 * one store, measured in interleaved rounds (each
 * round runs every variant, in a rotating order, so drifts hit them alike), the median of the
 * rounds per variant. The span exporter's own thread is not counted: the figure is what a call
 * costs its caller. Arguments: backend ({@code memory} or {@code h2}), N, rounds, gets per
 * round.
 */
public final class ObserverCpuMain {
  private ObserverCpuMain() {}

  public static void main(String[] args) {
    Backend backend = Backend.of(args.length > 0 ? args[0] : "h2");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int perRound = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    try (Store base = Fixtures.openLoaded(backend, n);
        OpenTelemetrySdk sdk = sdk(Sampler.alwaysOn());
        OpenTelemetrySdk sampled = sdk(Sampler.traceIdRatioBased(0.1))) {
      MicrometerStoreObserver metrics = MicrometerStoreObserver.builder(new SimpleMeterRegistry())
          .build();
      OpenTelemetryStoreObserver tracing = OpenTelemetryStoreObserver.create(sdk);
      Map<String, Store> variants = new LinkedHashMap<>();
      variants.put("none", base);
      variants.put("noop", base.observedBy(NOOP));
      variants.put("metrics", base.observedBy(metrics));
      variants.put("tracing", base.observedBy(tracing));
      variants.put("both", base.observedBy(metrics).observedBy(tracing));
      variants.put("tracing 1/10", base.observedBy(OpenTelemetryStoreObserver.create(sampled)));
      variants.put("bare span", base.observedBy(bareSpans(sdk.getTracer("bare"))));
      variants.put("bare 1/10", base.observedBy(bareSpans(sampled.getTracer("bare"))));
      String[] names = variants.keySet().toArray(new String[0]);
      SplittableRandom random = new SplittableRandom(42);
      for (int w = 0; w < 5; w++) { // warm-up: every path compiled before any round counts
        for (String v : names) {
          run(variants.get(v), n, perRound, random);
        }
      }
      double[][] nsPerGet = new double[names.length][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < names.length; k++) {
          int v = (k + r) % names.length;
          long t0 = cpu.getCurrentThreadCpuTime();
          run(variants.get(names[v]), n, perRound, random);
          nsPerGet[v][r] = (cpu.getCurrentThreadCpuTime() - t0) / (double) perRound;
        }
      }
      double none = median(nsPerGet[0]);
      System.out.printf(Locale.ROOT, "%n| backend | observers | CPU per get (median of %d rounds"
          + " of %,d) | overhead vs none |%n|---|---|---:|---:|%n", rounds, perRound);
      for (int v = 0; v < names.length; v++) {
        double m = median(nsPerGet[v]);
        System.out.printf(Locale.ROOT, "| %s | %s | %,.2f µs | %s |%n", backend.label(), names[v],
            m / 1000, v == 0 ? "" : String.format(Locale.ROOT, "%+.1f%% (%+,.2f µs)",
                100 * (m - none) / none, (m - none) / 1000));
      }
    } finally {
      if (backend == Backend.H2) {
        Fixtures.drop(Backend.H2, n);
      }
    }
  }

  /**
   * An observer that records nothing: what the engine's wrapper costs (the thread's current
   * observation, the call's lambdas), apart from any observer's own work.
   */
  private static final StoreObserver NOOP = new StoreObserver() {
    private final Observation nothing = new Observation() {
      @Override
      public void succeeded(int resultCount) {}

      @Override
      public void failed(StoreException error) {}
    };

    @Override
    public Observation start(Operation operation, StoreInfo store, String namespace,
        @Nullable String id, int filterCount) {
      return nothing;
    }
  };

  /**
   * A span per call with a name and nothing else (no attributes, not made current): the
   * OpenTelemetry SDK's own share of what {@code tracing} costs.
   */
  private static StoreObserver bareSpans(Tracer tracer) {
    return (operation, store, namespace, id, filterCount) -> {
      Span span = tracer.spanBuilder("ctrstore get").startSpan();
      return new StoreObserver.Observation() {
        @Override
        public void succeeded(int resultCount) {
          span.end();
        }

        @Override
        public void failed(StoreException error) {
          span.end();
        }
      };
    };
  }

  /** Spans sampled by {@code sampler}, batched to an exporter that discards them. */
  private static OpenTelemetrySdk sdk(Sampler sampler) {
    return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .setSampler(sampler)
        .addSpanProcessor(BatchSpanProcessor.builder(new ObserverOverheadBenchmark.Discarding())
            .build())
        .build()).build();
  }

  private static void run(Store store, int n, int gets, SplittableRandom random) {
    for (int i = 0; i < gets; i++) {
      store.get(Fixtures.CTX, Fixtures.id(random.nextInt(n)));
    }
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
