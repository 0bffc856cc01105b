package dev.ctrstore.jdbc;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.flywaydb.core.api.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Flyway's log lines go while this backend checks and migrates its schema: to SLF4J, always
 * (left to itself, Flyway falls back to {@code java.util.logging} when no SLF4J binding is
 * present, and JUL prints INFO to stderr: ~20 lines on a first open), under Flyway's own logger
 * names, with its INFO detail ("Database: …",
 * "Successfully validated …", "Migrating schema …") at DEBUG. What a user needs at INFO,
 * that a migration ran and to which version, {@link LockedMigration} says in one line of its
 * own; warnings and errors keep their level.
 *
 * <p>Flyway keeps its log creator in a static field that each {@code new Flyway(…)} resets, so
 * {@link #install()} is called after the backend's Flyway is built; a host application's own
 * Flyway built later replaces it again.
 */
final class FlywayLogs implements LogCreator {
  private static final FlywayLogs INSTANCE = new FlywayLogs();

  private FlywayLogs() {}

  /** Makes Flyway's log lines go through this creator (see the class comment). */
  static void install() {
    LogFactory.setLogCreator(INSTANCE);
  }

  @Override
  public Log createLogger(Class<?> clazz) {
    return new Demoted(LoggerFactory.getLogger(clazz));
  }

  /** Flyway's log on an SLF4J logger, INFO and NOTICE demoted to DEBUG. */
  private record Demoted(Logger log) implements Log {
    @Override
    public void debug(String message) {
      log.debug(message);
    }

    @Override
    public void info(String message) {
      log.debug(message);
    }

    @Override
    public void warn(String message) {
      log.warn(message);
    }

    @Override
    public void error(String message) {
      log.error(message);
    }

    @Override
    public void error(String message, Exception e) {
      log.error(message, e);
    }

    @Override
    public void notice(String message) {
      log.debug(message);
    }
  }
}
