package dev.ctrstore.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.testing.MySqlServer;
import dev.ctrstore.testing.TcpProxy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code ctrstore} health of a MariaDB/MySQL store: UP, then DOWN while the path to the
 * server is cut (the fault proxy refuses and resets every connection), then UP again.
 */
class StoreHealthIndicatorMySqlTest {
  @Test
  void downWhileTheDatabaseIsUnreachableAndUpAgainAfter() throws Exception {
    try (MySqlServer.Database db = MySqlServer.freshDatabase();
        TcpProxy proxy = TcpProxy.to(db.hostPort())) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CtrstoreAutoConfiguration.class))
          .withPropertyValues("ctrstore.backend=jdbc", "ctrstore.jdbc.url=" + db.urlVia(proxy.port()),
              "ctrstore.jdbc.pool.connection-timeout=1000")
          .run(context -> {
            HealthIndicator indicator = context.getBean("ctrstoreHealthIndicator", HealthIndicator.class);
            Health up = indicator.health();
            assertEquals(Status.UP, up.getStatus(), up.getDetails().toString());
            assertEquals("jdbc", up.getDetails().get("backend"));
            String system = String.valueOf(up.getDetails().get("system"));
            assertTrue(system.equals("mariadb") || system.equals("mysql"), system);
            assertTrue(up.getDetails().containsKey("schemaVersion"), up.getDetails().toString());

            proxy.refuse();
            proxy.dropAll();
            Health down = indicator.health();
            assertEquals(Status.DOWN, down.getStatus(), down.getDetails().toString());
            String error = String.valueOf(down.getDetails().get("error"));
            assertTrue(error.startsWith("UNAVAILABLE: ") || error.startsWith("DEADLINE_EXCEEDED: "),
                error);
            assertEquals("jdbc", down.getDetails().get("backend"), "details kept when DOWN");

            proxy.heal();
            Health again = indicator.health();
            assertEquals(Status.UP, again.getStatus(), again.getDetails().toString());
          });
    }
  }
}
