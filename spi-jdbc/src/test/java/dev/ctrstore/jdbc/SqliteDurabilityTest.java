package dev.ctrstore.jdbc;

import java.nio.file.Path;

/**
 * The SQLite guarantee: in WAL mode with {@code synchronous=FULL} (the dialect's defaults) every
 * write that returned is in the fsynced write-ahead log and survives the process being killed;
 * the next open recovers it from the log.
 */
class SqliteDurabilityTest extends CrashDurabilityTestBase {
  @Override
  String url(Path dir) {
    return "jdbc:sqlite:" + dir.resolve("ctrstore.db").toAbsolutePath();
  }
}
