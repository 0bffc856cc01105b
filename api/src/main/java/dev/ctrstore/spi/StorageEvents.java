package dev.ctrstore.spi;

import dev.ctrstore.internal.Observations;

/**
 * What a {@link Storage} reports to the observers of the store over it (see {@link
 * dev.ctrstore.StoreObserver}). Store operations run on their caller's thread, so a report made
 * on that thread reaches the observation of the call in progress; elsewhere it is ignored.
 */
public final class StorageEvents {
  private StorageEvents() {}

  /**
   * The storage is about to run a transaction again after a transient conflict ({@code cause}:
   * a deadlock, a serialization failure, a cluster certification failure).
   */
  public static void retrying(Throwable cause) {
    Observations.retrying(cause);
  }
}
