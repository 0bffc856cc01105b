package dev.ctrstore.jdbc;

/**
 * Every statement the backend runs against its tables, in one place. The same text serves H2,
 * MySQL/MariaDB and SQLite: plain SQL with named parameters and {@code LIMIT}; only the revision
 * counter has a statement per dialect, and SQLite, whose writers hold the file's one write lock
 * from their first statement, reads without {@code FOR UPDATE}. No text here, nor anything
 * appended to it, ever comes from user input; every value is bound.
 */
final class Sql {
  private Sql() {}

  /** In this order: rows are read by position (ContainerRows.read). */
  static final String COLUMNS = "c.id, c.image, c.runtime_name, c.runtime_options_type_url,"
      + " c.runtime_options_value, c.spec_type_url, c.spec_value, c.snapshotter, c.snapshot_key,"
      + " c.sandbox_id, c.labels, c.extensions, c.created_at, c.updated_at, c.revision";

  static final String GET =
      "SELECT " + COLUMNS + " FROM ctr_container c WHERE c.ns = :ns AND c.id = :id";

  static final String GET_FOR_UPDATE = GET + " FOR UPDATE";

  /** Followed by an optional {@code AND (…)} from {@link Pushdown} and {@link #ORDER}. */
  static final String LIST = "SELECT " + COLUMNS + " FROM ctr_container c WHERE c.ns = :ns";

  /**
   * The keyset condition of stream pages, also on the first page and on full lists with
   * {@link #BEFORE_ALL_IDS}, where it holds for every row (an id is never empty): with a condition
   * on id, H2 reads the primary key (ns, id) in order. Without one, H2's cost estimates for
   * {@code WHERE ns = ? ORDER BY ns, id} tie between the primary key and (ns, image_hash), and it
   * takes whichever index comes first, an order a table rebuild changes: after H2 migration 3
   * rebuilt ctr_container, a LIMIT 500 page read and sorted all 6,501 rows of the namespace, and
   * StreamingHeapTest ran out of its 24 MB heap.
   */
  static final String AFTER = " AND c.id > :after";

  /** Bound to {@link #AFTER} where no id is excluded. */
  static final byte[] BEFORE_ALL_IDS = new byte[0];

  /** The order of filtered lists: H2 then reads {@code id IN (…)} through its index on id. */
  static final String ORDER = " ORDER BY c.id";

  /**
   * The same order (ns is fixed by the WHERE clause), for full lists and the pages of
   * {@code stream}: H2 reads the primary key (ns, id) in order only when ORDER BY names both
   * columns. With {@code ORDER BY c.id} it read and sorted the whole namespace for every page
   * (measured: a LIMIT 500 page scanned all 6,501 rows of the namespace; now 500).
   */
  static final String ORDER_PK = " ORDER BY c.ns, c.id";

  static final String LIMIT = " LIMIT :limit";

  /**
   * The first namespace after {@code :after} that holds a container: one seek on the primary key
   * (ns, id) per namespace, so listing namespaces costs their number, not the containers'.
   * ORDER BY names both key columns for the reason given at {@link #ORDER_PK}.
   */
  static final String NEXT_NAMESPACE = "SELECT c.ns FROM ctr_container c WHERE c.ns > :after"
      + " ORDER BY c.ns, c.id LIMIT 1";

  static final String INSERT = "INSERT INTO ctr_container (ns, id, image, image_hash,"
      + " runtime_name, runtime_hash, runtime_options_type_url, runtime_options_value,"
      + " spec_type_url, spec_value, snapshotter, snapshot_key, sandbox_id, labels, extensions,"
      + " created_at, updated_at, revision) VALUES (:ns, :id, :image, :image_hash, :runtime_name,"
      + " :runtime_hash, :runtime_options_type_url, :runtime_options_value, :spec_type_url,"
      + " :spec_value, :snapshotter, :snapshot_key, :sandbox_id, :labels, :extensions,"
      + " :created_at, :updated_at, :revision)";

  static final String UPDATE = "UPDATE ctr_container SET image = :image,"
      + " image_hash = :image_hash, runtime_name = :runtime_name, runtime_hash = :runtime_hash,"
      + " runtime_options_type_url = :runtime_options_type_url,"
      + " runtime_options_value = :runtime_options_value, spec_type_url = :spec_type_url,"
      + " spec_value = :spec_value, snapshotter = :snapshotter, snapshot_key = :snapshot_key,"
      + " sandbox_id = :sandbox_id, labels = :labels, extensions = :extensions,"
      + " created_at = :created_at, updated_at = :updated_at, revision = :revision"
      + " WHERE ns = :ns AND id = :id";

  static final String DELETE = "DELETE FROM ctr_container WHERE ns = :ns AND id = :id";

  /**
   * Label rows are hashes only: the label itself is in the container row, which the shared
   * {@code Filter} re-checks, so repeating the key and value here only cost space. The primary
   * key includes value_hash so that two labels of one container whose key hashes collide are
   * still two rows (and two labels hashing alike in key and value one row, which is all a lookup
   * needs).
   */
  static final String INSERT_LABEL = "INSERT INTO ctr_label (ns, key_hash, value_hash, id)"
      + " VALUES (:ns, :key_hash, :value_hash, :id)";

  /** A label whose value changed keeps its row; value_hash is part of the key, so it names the old one. */
  static final String UPDATE_LABEL = "UPDATE ctr_label SET value_hash = :value_hash"
      + " WHERE ns = :ns AND id = :id AND key_hash = :key_hash AND value_hash = :old_value_hash";

  static final String DELETE_LABEL = "DELETE FROM ctr_label"
      + " WHERE ns = :ns AND id = :id AND key_hash = :key_hash AND value_hash = :value_hash";

  /** What a delete needs to find the container's label rows. */
  static final String LABELS =
      "SELECT c.labels FROM ctr_container c WHERE c.ns = :ns AND c.id = :id";

  /** {@link #LABELS}, locking the row it deletes. */
  static final String LABELS_FOR_UPDATE = LABELS + " FOR UPDATE";

  // Revisions and the change log (see the revisions migration and docs/revisions.md).

  /** The namespace's latest revision; no row: 0. */
  static final String REVISION = "SELECT revision FROM ctr_revision WHERE ns = :ns";

  /** A SQLite group commit's counter, set once before it commits ({@link GroupCounters}). */
  static final String SET_REVISION = "UPDATE ctr_revision SET revision = :revision WHERE ns = :ns";

  /**
   * MySQL: takes the next {@code :count} revisions in one statement, locking the counter row
   * until commit; the new value comes back as the statement's insert id ({@code
   * LAST_INSERT_ID(expr)}).
   */
  static final String NEXT_REVISION_MYSQL = "INSERT INTO ctr_revision (ns, revision)"
      + " VALUES (:ns, LAST_INSERT_ID(:count))"
      + " ON DUPLICATE KEY UPDATE revision = LAST_INSERT_ID(revision + :count)";

  /** H2: adds {@code :count}, returning the new value in one statement (a data change delta). */
  static final String NEXT_REVISION_H2 = "SELECT revision FROM FINAL TABLE"
      + " (UPDATE ctr_revision SET revision = revision + :count WHERE ns = :ns)";

  /**
   * SQLite: creates the counter at {@code :count} or adds {@code :count} to it, returning the new
   * value in one statement (an upsert with RETURNING, SQLite 3.35+); the transaction holds the
   * file's write lock already.
   */
  static final String NEXT_REVISION_SQLITE = "INSERT INTO ctr_revision (ns, revision)"
      + " VALUES (:ns, :count) ON CONFLICT (ns) DO UPDATE SET revision = revision + :count"
      + " RETURNING revision";

  /**
   * Gives back {@code :count} revisions this transaction took and will not use; the row is
   * locked by the transaction already (it incremented it).
   */
  static final String GIVE_BACK_REVISIONS = "UPDATE ctr_revision SET revision = revision - :count"
      + " WHERE ns = :ns";

  /** The first write of a namespace; a duplicate key means another writer's was first. */
  static final String FIRST_REVISION = "INSERT INTO ctr_revision (ns, revision) VALUES (:ns, :count)";

  static final String INSERT_EVENT = "INSERT INTO ctr_event (ns, revision, type, id, image,"
      + " runtime_name, runtime_options_type_url, runtime_options_value, spec_type_url,"
      + " spec_value, snapshotter, snapshot_key, sandbox_id, labels, extensions, created_at,"
      + " updated_at, container_revision, appended_at) VALUES (:ns, :event_revision, :type, :id,"
      + " :image, :runtime_name, :runtime_options_type_url, :runtime_options_value,"
      + " :spec_type_url, :spec_value, :snapshotter, :snapshot_key, :sandbox_id, :labels,"
      + " :extensions, :created_at, :updated_at, :revision, :appended_at)";

  /** Container columns in {@link #COLUMNS}' order, then the event's type and revision. */
  static final String EVENTS = "SELECT e.id, e.image, e.runtime_name,"
      + " e.runtime_options_type_url, e.runtime_options_value, e.spec_type_url, e.spec_value,"
      + " e.snapshotter, e.snapshot_key, e.sandbox_id, e.labels, e.extensions, e.created_at,"
      + " e.updated_at, e.container_revision, e.type, e.revision FROM ctr_event e"
      + " WHERE e.ns = :ns AND e.revision > :after ORDER BY e.ns, e.revision LIMIT :limit";

  /** The counter and the oldest event kept, read together (one snapshot). */
  static final String LOG_STATE = "SELECT r.revision,"
      + " (SELECT MIN(e.revision) FROM ctr_event e WHERE e.ns = r.ns)"
      + " FROM ctr_revision r WHERE r.ns = :ns";

  /** Every namespace with a log: counter and oldest event (null: none kept). */
  static final String ALL_LOG_STATES = "SELECT r.ns, r.revision,"
      + " (SELECT MIN(e.revision) FROM ctr_event e WHERE e.ns = r.ns) FROM ctr_revision r";

  /** The oldest events of a namespace and when they were appended, for age-based retention. */
  static final String OLDEST_EVENTS = "SELECT e.revision, e.appended_at FROM ctr_event e"
      + " WHERE e.ns = :ns ORDER BY e.ns, e.revision LIMIT :limit";

  /** Drops a namespace's events up to a revision: a range of the primary key. */
  static final String COMPACT = "DELETE FROM ctr_event WHERE ns = :ns AND revision <= :upto";

  // Push-down conditions (see Pushdown); %d is a parameter number chosen by the code.

  static final String ID_EQUALS = "c.id = :p%d";

  static final String IMAGE_EQUALS = "(c.image_hash = :p%d AND c.image = :p%d)";

  /**
   * Presence compares the value with the empty string, not its hash with the empty string's: a
   * non-empty value whose 8-byte hash collided with that of "" would otherwise be left out, and
   * a push-down may only ever widen the answer. (A presence test reads most of the namespace
   * whichever column it compares.)
   */
  static final String IMAGE_PRESENT = "c.image <> :p%d";

  static final String RUNTIME_EQUALS = "(c.runtime_hash = :p%d AND c.runtime_name = :p%d)";

  static final String RUNTIME_PRESENT = "c.runtime_name <> :p%d";

  /**
   * ctr_label is keyed in lookup order, (ns, key_hash, value_hash, id): a labels.k==v lookup is
   * one range of the table itself, its ids already sorted, and each id one primary-key lookup in
   * ctr_container (MariaDB 10.11 at 100,000 containers: ref on ctr_label's PRIMARY, eq_ref on
   * ctr_container's, no sort). Schema 1 named its label index here ({@code USE INDEX}), because
   * MariaDB walked that table's (ns, id, key_hash) primary key in id order instead; no other index
   * competes now.
   */
  static final String LABEL_EQUALS = "c.id IN (SELECT l.id FROM ctr_label l"
      + " WHERE l.ns = :ns AND l.key_hash = :p%d AND l.value_hash = :p%d)";

  static final String LABEL_PRESENT = "c.id IN (SELECT l.id FROM ctr_label l"
      + " WHERE l.ns = :ns AND l.key_hash = :p%d)";
}
