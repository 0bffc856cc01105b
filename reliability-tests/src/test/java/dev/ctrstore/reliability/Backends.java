package dev.ctrstore.reliability;

import dev.ctrstore.Store;
import dev.ctrstore.testing.MySqlServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The backends a test class runs on: memory, embedded H2 and (when a server is configured)
 * MariaDB, each opened once per class; {@link #close()} closes the stores and drops the MariaDB
 * database. {@link #names()} lists what is available; without a server and with
 * CTRSTORE_REQUIRE_MYSQL=true, creating this fails.
 */
final class Backends implements AutoCloseable {
  private final MySqlServer.Database db;
  private final Store memory = Rel.memory();
  private final Store h2 = Rel.h2Memory();
  private final Store maria;

  Backends() {
    if (MySqlServer.available()) {
      db = MySqlServer.freshDatabase();
      maria = Rel.jdbc(db.url());
    } else {
      db = null;
      maria = null;
    }
  }

  List<String> names() {
    List<String> n = new ArrayList<>(List.of("memory", "h2"));
    if (maria != null) {
      n.add("mariadb");
    }
    return n;
  }

  Store get(String name) {
    return switch (name) {
      case "memory" -> memory;
      case "h2" -> h2;
      case "mariadb" -> maria;
      default -> throw new IllegalArgumentException(name);
    };
  }

  MySqlServer.Database db() {
    return db;
  }

  @Override
  public void close() {
    memory.close();
    h2.close();
    if (maria != null) {
      maria.close();
      db.close();
    }
  }
}
