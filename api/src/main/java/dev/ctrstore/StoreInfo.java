package dev.ctrstore;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Store} is backed by, for logs, metrics, traces and health checks: the backend
 * name users select with {@code ctrstore.backend}, the database system, where the data lives (a
 * file path or a URL with any password masked, never a secret) and the schema version when the
 * backend has one. Immutable.
 */
public final class StoreInfo {
  private final String backend;
  private final String system;
  private final String database;
  private final String location;
  private final @Nullable String schemaVersion;

  private StoreInfo(String backend, String system, String database, String location,
      @Nullable String schemaVersion) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.system = Objects.requireNonNull(system, "system");
    this.database = Objects.requireNonNull(database, "database");
    this.location = Objects.requireNonNull(location, "location");
    this.schemaVersion = schemaVersion;
  }

  /**
   * A description.
   *
   * @param backend the backend name, e.g. {@code jdbc}
   * @param system the database system in OpenTelemetry's spelling where it has one, e.g.
   *     {@code h2database}, {@code mariadb}, {@code mysql}; {@code memory} for the in-memory
   *     backend
   * @param database the database name (a MySQL schema, an H2 database name); empty when there
   *     is none
   * @param location a file path or masked URL; empty when the data lives in the process
   * @param schemaVersion the schema version, or null when the backend has no schema
   */
  public static StoreInfo of(String backend, String system, String database, String location,
      @Nullable String schemaVersion) {
    return new StoreInfo(backend, system, database, location, schemaVersion);
  }

  /** For a store whose backend does not describe itself. */
  public static StoreInfo unknown() {
    return new StoreInfo("unknown", "other", "", "", null);
  }

  /** The backend name, e.g. {@code jdbc} or {@code memory}. */
  public String backend() {
    return backend;
  }

  /** The database system, e.g. {@code h2database}, {@code mariadb}, {@code mysql}, {@code memory}. */
  public String system() {
    return system;
  }

  /** The database name (a MySQL schema, an H2 database name), or empty. */
  public String database() {
    return database;
  }

  /** Where the data lives: a file path or masked URL; empty for in-process data. */
  public String location() {
    return location;
  }

  /** The schema version, or null when the backend has none. */
  public @Nullable String schemaVersion() {
    return schemaVersion;
  }

  /** This description with another backend name (the library sets it from the provider). */
  public StoreInfo withBackend(String backendName) {
    return new StoreInfo(backendName, system, database, location, schemaVersion);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreInfo i && backend.equals(i.backend) && system.equals(i.system)
        && database.equals(i.database) && location.equals(i.location) && Objects.equals(schemaVersion, i.schemaVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(backend, system, database, location, schemaVersion);
  }

  @Override
  public String toString() {
    return "backend " + backend + ", " + system
        + (location.isEmpty() ? "" : " at " + location)
        + (schemaVersion == null ? "" : ", schema version " + schemaVersion);
  }
}
