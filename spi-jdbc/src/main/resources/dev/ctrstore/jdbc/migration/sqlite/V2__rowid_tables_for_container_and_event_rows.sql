-- ctrstore schema 2, SQLite: the container and change-log rows move from WITHOUT ROWID tables
-- to rowid tables with a unique index on their key. A WITHOUT ROWID table is an index B-tree
-- whose every cell is the whole row; a row of about a kilobyte (a container with its spec) is
-- larger than such a cell may hold locally, so each spills into an overflow page, at most four
-- rows share a leaf, and every key comparison on the way down to a row, when inserting or
-- seeking, reads the row's overflow page from the file (SQLite reads overflow content around its
-- page cache). With 100,000 change-log rows of 1 KiB specs: 3.4 times the file size of a rowid
-- table and 1.7 times the time per durable insert (docs/benchmarks.md). A rowid table keeps the rows in a table B-tree, whose
-- inner pages hold only rowids, and the unique index holds only the short key. The label rows
-- and the revision counter are small and stay WITHOUT ROWID.
--
-- The largest columns come last: a read of the columns before them stops short of their bytes.
-- Each table is rebuilt under a staging name, then swapped in; an unfinished run is undone by
-- the library before the next (PartialMigrations), and Flyway runs it in one transaction.

CREATE TABLE ctr_container_v2 (
  ns                       BLOB    NOT NULL,
  id                       BLOB    NOT NULL,
  revision                 INTEGER NOT NULL DEFAULT 0,
  created_at               INTEGER NOT NULL,
  updated_at               INTEGER NOT NULL,
  image_hash               BLOB    NOT NULL,
  runtime_hash             BLOB    NOT NULL,
  image                    BLOB    NOT NULL,
  runtime_name             BLOB    NOT NULL,
  snapshotter              BLOB    NOT NULL,
  snapshot_key             BLOB    NOT NULL,
  sandbox_id               BLOB    NOT NULL,
  runtime_options_type_url BLOB    NULL,
  spec_type_url            BLOB    NOT NULL,
  labels                   BLOB    NOT NULL,
  extensions               BLOB    NOT NULL,
  runtime_options_value    BLOB    NULL,
  spec_value               BLOB    NOT NULL
) STRICT;

INSERT INTO ctr_container_v2 (ns, id, revision, created_at, updated_at, image_hash,
    runtime_hash, image, runtime_name, snapshotter, snapshot_key, sandbox_id,
    runtime_options_type_url, spec_type_url, labels, extensions, runtime_options_value,
    spec_value)
  SELECT ns, id, revision, created_at, updated_at, image_hash, runtime_hash, image,
    runtime_name, snapshotter, snapshot_key, sandbox_id, runtime_options_type_url,
    spec_type_url, labels, extensions, runtime_options_value, spec_value
  FROM ctr_container ORDER BY ns, id;

DROP TABLE ctr_container;

ALTER TABLE ctr_container_v2 RENAME TO ctr_container;

CREATE UNIQUE INDEX ctr_container_key ON ctr_container (ns, id);

CREATE INDEX ctr_container_image ON ctr_container (ns, image_hash);

CREATE INDEX ctr_container_runtime ON ctr_container (ns, runtime_hash);

CREATE TABLE ctr_event_v2 (
  ns                       BLOB    NOT NULL,
  revision                 INTEGER NOT NULL,
  type                     INTEGER NOT NULL,
  container_revision       INTEGER NOT NULL,
  appended_at              INTEGER NOT NULL,
  created_at               INTEGER NOT NULL,
  updated_at               INTEGER NOT NULL,
  id                       BLOB    NOT NULL,
  image                    BLOB    NOT NULL,
  runtime_name             BLOB    NOT NULL,
  snapshotter              BLOB    NOT NULL,
  snapshot_key             BLOB    NOT NULL,
  sandbox_id               BLOB    NOT NULL,
  runtime_options_type_url BLOB    NULL,
  spec_type_url            BLOB    NOT NULL,
  labels                   BLOB    NOT NULL,
  extensions               BLOB    NOT NULL,
  runtime_options_value    BLOB    NULL,
  spec_value               BLOB    NOT NULL
) STRICT;

INSERT INTO ctr_event_v2 (ns, revision, type, container_revision, appended_at, created_at,
    updated_at, id, image, runtime_name, snapshotter, snapshot_key, sandbox_id,
    runtime_options_type_url, spec_type_url, labels, extensions, runtime_options_value,
    spec_value)
  SELECT ns, revision, type, container_revision, appended_at, created_at, updated_at, id, image,
    runtime_name, snapshotter, snapshot_key, sandbox_id, runtime_options_type_url,
    spec_type_url, labels, extensions, runtime_options_value, spec_value
  FROM ctr_event ORDER BY ns, revision;

DROP TABLE ctr_event;

ALTER TABLE ctr_event_v2 RENAME TO ctr_event;

CREATE UNIQUE INDEX ctr_event_key ON ctr_event (ns, revision);
