package dev.ctrstore.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The example service started on a random port as it ships: no ctrstore configuration at all
 * (the embedded default, SQLite, in {@code ./ctrstore-data}), Actuator's settings from its {@code
 * application.properties}; called over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {
  private final HttpClient http = HttpClient.newHttpClient();
  @LocalServerPort int port;
  @Autowired Store store;

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthShowsTheStoreUp() throws Exception {
    HttpResponse<String> r = get("/actuator/health");
    assertEquals(200, r.statusCode(), r.body());
    Map<String, Object> health = JsonParserFactory.getJsonParser().parseMap(r.body());
    Map<?, ?> ctrstore = (Map<?, ?>) ((Map<?, ?>) health.get("components")).get("ctrstore");
    assertEquals("UP", ctrstore.get("status"), r.body());
    Map<?, ?> details = (Map<?, ?>) ctrstore.get("details");
    assertEquals("jdbc", details.get("backend"), r.body());
    assertEquals("sqlite", details.get("system"), r.body());
    assertEquals(store.info().schemaVersion(), details.get("schemaVersion"), r.body());
    assertTrue(((String) details.get("location")).contains("ctrstore-data"), r.body());
  }

  @Test
  void theServiceUsesTheStoreAndItsMetricsArePublished() throws Exception {
    String ns = "example-" + System.nanoTime();
    store.create(Context.withNamespace(ns), Container.builder().id("web-1")
        .runtime("io.containerd.runc.v2").spec(Any.getDefaultInstance()).build());
    HttpResponse<String> r = get("/namespaces/" + ns + "/containers");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("[\"web-1\"]", r.body());

    assertEquals(200, get("/actuator/metrics/ctrstore.operations").statusCode());
    HttpResponse<String> pool = get("/actuator/metrics/hikaricp.connections");
    assertEquals(200, pool.statusCode(), pool.body());
  }
}
