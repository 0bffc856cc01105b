package dev.ctrstore.bench;

import dev.ctrstore.Container;
import dev.ctrstore.Store;
import dev.ctrstore.bench.Fixtures.Backend;
import dev.ctrstore.micrometer.MicrometerStoreObserver;
import dev.ctrstore.opentelemetry.OpenTelemetryStoreObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the metrics and tracing observers cost on {@code get}: the same store undecorated ({@code
 * none}), observed by {@link MicrometerStoreObserver} over a {@link SimpleMeterRegistry} ({@code
 * metrics}), by {@link OpenTelemetryStoreObserver} over the OpenTelemetry SDK, every span
 * sampled and handed to a batch processor whose exporter discards it ({@code tracing}), and by
 * both ({@code both}). Run by {@link ObserverOverheadMain}.
 */
@State(Scope.Benchmark)
public class ObserverOverheadBenchmark {
  @Param({"memory", "h2"})
  public String backend;

  @Param({"none", "metrics", "tracing", "both"})
  public String observers;

  @Param({"10000"})
  public int n;

  Store base;
  Store store;
  @Nullable OpenTelemetrySdk openTelemetry;

  @Setup(Level.Trial)
  public void open() {
    base = Fixtures.openLoaded(Backend.of(backend), n);
    Store s = base;
    if (observers.equals("metrics") || observers.equals("both")) {
      s = s.observedBy(MicrometerStoreObserver.builder(new SimpleMeterRegistry()).build());
    }
    if (observers.equals("tracing") || observers.equals("both")) {
      OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
          .addSpanProcessor(BatchSpanProcessor.builder(new Discarding()).build()).build()).build();
      openTelemetry = sdk;
      s = s.observedBy(OpenTelemetryStoreObserver.create(sdk));
    }
    store = s;
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
    if (openTelemetry != null) {
      openTelemetry.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Container get() {
    return store.get(Fixtures.CTX, Fixtures.id(ThreadLocalRandom.current().nextInt(n)));
  }

  /** An exporter that drops every span: the cost measured is the application's side. */
  static final class Discarding implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
