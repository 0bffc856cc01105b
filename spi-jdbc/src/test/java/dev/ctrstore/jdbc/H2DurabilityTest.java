package dev.ctrstore.jdbc;

import java.nio.file.Path;

/**
 * The documented H2 guarantee: with {@code WRITE_DELAY=0} (as in the default URL) every write
 * that returned survives the process being killed. (Without it, H2 loses up to half a second
 * of commits: on this machine a run lost 14 of 50.)
 */
class H2DurabilityTest extends CrashDurabilityTestBase {
  @Override
  String url(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0";
  }
}
