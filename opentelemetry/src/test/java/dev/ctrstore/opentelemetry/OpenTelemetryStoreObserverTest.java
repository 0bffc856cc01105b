package dev.ctrstore.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.StoreInfo;
import dev.ctrstore.Stores;
import dev.ctrstore.spi.StorageEvents;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenTelemetryStoreObserverTest {
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final Store memory = open();
  private final Store store = traced(memory, OTEL.getOpenTelemetry());

  private static Store traced(Store store, io.opentelemetry.api.OpenTelemetry openTelemetry) {
    // tag::traces[]
    Store traced = store.observedBy(OpenTelemetryStoreObserver.create(openTelemetry));
    // end::traces[]
    return traced;
  }

  private static Store open() {
    Properties p = new Properties();
    p.setProperty("ctrstore.backend", "memory");
    return Stores.open(p);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Container container(String id) {
    return Container.builder().id(id).runtime("io.containerd.runc.v2")
        .spec(Any.getDefaultInstance()).label("env", "prod").build();
  }

  private static String attr(SpanData s, String key) {
    return s.getAttributes().get(AttributeKey.stringKey(key));
  }

  private static Long longAttr(SpanData s, String key) {
    return s.getAttributes().get(AttributeKey.longKey(key));
  }

  @Test
  void oneSpanPerOperationWithItsAttributes() {
    Context ctx = Context.withNamespace("team-a");
    store.create(ctx, container("web-1"));
    store.list(ctx, "labels.env==prod", "image");

    List<SpanData> spans = OTEL.getSpans();
    assertEquals(2, spans.size());
    SpanData create = spans.get(0);
    assertEquals("ctrstore create", create.getName());
    assertEquals("create", attr(create, OpenTelemetryStoreObserver.DB_OPERATION_NAME));
    assertEquals("team-a", attr(create, OpenTelemetryStoreObserver.NAMESPACE));
    assertEquals("web-1", attr(create, OpenTelemetryStoreObserver.CONTAINER_ID));
    assertNull(longAttr(create, OpenTelemetryStoreObserver.FILTER_COUNT));
    assertEquals(StatusCode.UNSET, create.getStatus().getStatusCode());

    SpanData list = spans.get(1);
    assertEquals("ctrstore list", list.getName());
    assertEquals(2L, longAttr(list, OpenTelemetryStoreObserver.FILTER_COUNT));
    assertEquals(1L, longAttr(list, OpenTelemetryStoreObserver.RESULT_COUNT));
    assertNull(attr(list, OpenTelemetryStoreObserver.CONTAINER_ID));
  }

  @Test
  void theMemoryBackendMakesInternalSpansWithoutDatabaseAttributes() {
    assertEquals("memory", memory.info().system());
    store.list(Context.withNamespace("ns"));
    SpanData s = OTEL.getSpans().get(0);
    assertEquals(SpanKind.INTERNAL, s.getKind());
    assertNull(attr(s, OpenTelemetryStoreObserver.DB_SYSTEM_NAME));
  }

  @Test
  void aSpanNestsUnderTheCallersSpanThoughTheMemoryBackendsIsNotMadeCurrent() {
    Span parent = OTEL.getOpenTelemetry().getTracer("test").spanBuilder("request").startSpan();
    try (io.opentelemetry.context.Scope ignored = parent.makeCurrent()) {
      store.list(Context.withNamespace("ns"));
      assertEquals(parent.getSpanContext(), Span.current().getSpanContext(), "caller's restored");
    } finally {
      parent.end();
    }
    SpanData list = OTEL.getSpans().stream().filter(s -> s.getName().equals("ctrstore list"))
        .findFirst().orElseThrow();
    assertEquals(parent.getSpanContext().getSpanId(), list.getParentSpanId());
    assertEquals(parent.getSpanContext().getTraceId(), list.getTraceId());
  }

  @Test
  void aFailureIsRecordedWithItsKind() {
    assertThrows(NotFoundException.class, () -> store.get(Context.withNamespace("ns"), "nope"));
    SpanData s = OTEL.getSpans().get(0);
    assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
    assertEquals("NOT_FOUND", s.getStatus().getDescription());
    assertEquals("NOT_FOUND", attr(s, OpenTelemetryStoreObserver.ERROR_TYPE));
    assertEquals("exception", s.getEvents().get(0).getName());
  }

  @Test
  void aDatabaseBackendMakesClientSpansCurrentDuringTheCallWithRetriesAsEvents() {
    Span[] seen = new Span[1];
    Store database = new FakeDatabaseStore(StoreInfo.of("jdbc", "mariadb", "ctr", "jdbc:mariadb://db/ctr", "4")) {
      @Override
      public Container get(Context ctx, String id) {
        seen[0] = Span.current();
        StorageEvents.retrying(new java.sql.SQLTransactionRollbackException("deadlock"));
        return container(id);
      }
    };
    database.observedBy(OpenTelemetryStoreObserver.create(OTEL.getOpenTelemetry()))
        .get(Context.withNamespace("ns"), "web-1");

    SpanData s = OTEL.getSpans().get(0);
    assertEquals(SpanKind.CLIENT, s.getKind());
    assertEquals("mariadb", attr(s, OpenTelemetryStoreObserver.DB_SYSTEM_NAME));
    assertEquals("ctr", attr(s, OpenTelemetryStoreObserver.DB_NAMESPACE));
    assertEquals("get", attr(s, OpenTelemetryStoreObserver.DB_OPERATION_NAME));
    assertEquals(s.getSpanId(), seen[0].getSpanContext().getSpanId());
    assertEquals(OpenTelemetryStoreObserver.RETRY_EVENT, s.getEvents().get(0).getName());
    assertFalse(Span.current().getSpanContext().isValid(), "scope closed after the call");
    assertTrue(s.hasEnded());
  }

  private abstract static class FakeDatabaseStore implements Store {
    private final StoreInfo info;

    FakeDatabaseStore(StoreInfo info) {
      this.info = info;
    }

    @Override public StoreInfo info() { return info; }
    @Override public List<Container> list(Context ctx, String... filters) { return List.of(); }
    @Override public Container create(Context ctx, Container c) { return c; }
    @Override public Container update(Context ctx, Container c, String... paths) { return c; }
    @Override public void delete(Context ctx, String id) {}
    @Override public void close() {}
  }
}
