package dev.ctrstore.jdbc;

import dev.ctrstore.FailedPreconditionException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default was an H2 file ({@code ./ctrstore-data/ctrstore.mv.db}) before it became
 * SQLite ({@code ./ctrstore-data/ctrstore.db}). A store opened with no URL where only the old
 * file exists would start empty beside the user's containers, which would look like data loss;
 * so that open is refused, saying how to keep the H2 file or move its records.
 */
final class PreviousDefault {
  /** The URL the backend used when none was configured, up to the SQLite default. */
  static final String H2_URL = "jdbc:h2:file:./ctrstore-data/ctrstore;WRITE_DELAY=0";

  private PreviousDefault() {}

  /** Throws when the working directory holds the previous default's file and not the current one's. */
  static void refuseToHideIt() {
    Path dir = Path.of("ctrstore-data");
    Path h2 = dir.resolve("ctrstore.mv.db");
    if (Files.exists(h2) && !Files.exists(dir.resolve("ctrstore.db"))) {
      throw new FailedPreconditionException(JdbcStoreProvider.URL + " is not set, so the default "
          + JdbcStoreProvider.DEFAULT_URL + " would be opened, but " + h2.toAbsolutePath()
          + " holds a store from the earlier default (embedded H2); set " + JdbcStoreProvider.URL
          + "=" + H2_URL + " to keep using it, or copy it to the new default with `ctrstore copy"
          + " --from h2.properties --to sqlite.properties` (see README, Moving data)");
    }
  }
}
