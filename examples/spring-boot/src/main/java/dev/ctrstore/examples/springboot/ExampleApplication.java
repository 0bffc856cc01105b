package dev.ctrstore.examples.springboot;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot service with ctrstore: the starter opens the {@link Store} (embedded SQLite under
 * {@code ./ctrstore-data} when nothing is configured), Actuator shows its health as {@code
 * ctrstore} and its metrics under {@code ctrstore.*} and {@code hikaricp.*}.
 */
// tag::spring-boot-app[]
@SpringBootApplication
@RestController
public class ExampleApplication {
  private final Store store;

  public ExampleApplication(Store store) { // the starter's bean
    this.store = store;
  }

  @GetMapping("/namespaces/{namespace}/containers")
  public List<String> containers(@PathVariable("namespace") String namespace) {
    return store.list(Context.withNamespace(namespace)).stream().map(Container::id).toList();
  }

  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }
}
// end::spring-boot-app[]
