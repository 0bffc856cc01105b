package dev.ctrstore;

/**
 * A {@link Store#watch} asked for changes the backend no longer keeps: its change log was
 * compacted past the requested revision (retention is set by {@code
 * ctrstore.<backend>.events.retention}). Nothing can be resumed from there. The caller should
 * list again ({@link Store#page} from the start), then watch from the revision of its first page.
 * Also thrown by {@link Watch#poll} when a watcher fell so far behind that compaction overtook it.
 * Kind {@link ErrorKind#FAILED_PRECONDITION}.
 */
public class RevisionCompactedException extends FailedPreconditionException {
  private static final long serialVersionUID = 1L;

  private final long requestedRevision;
  private final long compactedRevision;

  public RevisionCompactedException(String namespace, long requestedRevision,
      long compactedRevision) {
    super("watch namespace \"" + namespace + "\" after revision " + requestedRevision
        + ": revision compacted (events up to revision " + compactedRevision
        + " are no longer kept); list again and watch from the list's revision");
    this.requestedRevision = requestedRevision;
    this.compactedRevision = compactedRevision;
  }

  /** The revision the watch was to resume after. */
  public long requestedRevision() {
    return requestedRevision;
  }

  /** The highest revision whose event the backend has discarded; a watch after it would work. */
  public long compactedRevision() {
    return compactedRevision;
  }
}
