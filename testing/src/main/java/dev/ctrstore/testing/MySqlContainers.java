package dev.ctrstore.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

/**
 * The only class that names Testcontainers, so that {@link MySqlTestDatabase} loads without it
 * (the dependency is optional) and touches it only when a Docker endpoint exists.
 */
final class MySqlContainers {
  private MySqlContainers() {}

  /** A started MySQL container and its URL with credentials. */
  record Running(MySQLContainer<?> container, String url) {
    void stop() {
      container.stop();
    }
  }

  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  static Running start() {
    MySQLContainer<?> c = new MySQLContainer<>("mysql:8.4");
    c.start();
    return new Running(c, c.getJdbcUrl() + "?user=" + c.getUsername() + "&password="
        + c.getPassword());
  }
}
