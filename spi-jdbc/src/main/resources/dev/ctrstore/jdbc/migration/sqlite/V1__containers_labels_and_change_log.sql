-- ctrstore schema 1, SQLite 3.37+: the shape the other dialects reached in their latest
-- migration (see the MySQL migrations for the design), in one step. Strings are kept as UTF-8
-- bytes in BLOB columns, which SQLite compares byte by byte (memcmp), so comparisons and
-- ordering are byte-exact. STRICT: a value of another type (a string bound where bytes belong,
-- which SQLite would store and then order before every blob) fails instead. WITHOUT ROWID: each
-- table is one B-tree in primary-key order, as in InnoDB, not a rowid table plus an index on
-- the key: one tree less to change per row written.

CREATE TABLE ctr_container (
  ns                       BLOB    NOT NULL,
  id                       BLOB    NOT NULL,
  image                    BLOB    NOT NULL,
  image_hash               BLOB    NOT NULL,   -- first 8 bytes of SHA-256(image)
  runtime_name             BLOB    NOT NULL,
  runtime_hash             BLOB    NOT NULL,   -- first 8 bytes of SHA-256(runtime_name)
  runtime_options_type_url BLOB    NULL,       -- NULL: no options (empty Any is not NULL)
  runtime_options_value    BLOB    NULL,
  spec_type_url            BLOB    NOT NULL,
  spec_value               BLOB    NOT NULL,
  snapshotter              BLOB    NOT NULL,
  snapshot_key             BLOB    NOT NULL,
  sandbox_id               BLOB    NOT NULL,
  labels                   BLOB    NOT NULL,   -- map<string,string>, protobuf encoding
  extensions               BLOB    NOT NULL,   -- map<string,Any>, protobuf encoding
  created_at               INTEGER NOT NULL,   -- UTC, microseconds since the epoch
  updated_at               INTEGER NOT NULL,
  revision                 INTEGER NOT NULL DEFAULT 0, -- 0 for rows written without one, as elsewhere
  PRIMARY KEY (ns, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ctr_container_image ON ctr_container (ns, image_hash);
CREATE INDEX ctr_container_runtime ON ctr_container (ns, runtime_hash);

-- Label rows of hashes only, keyed in lookup order (the label itself is in the container row).
CREATE TABLE ctr_label (
  ns         BLOB NOT NULL,
  key_hash   BLOB NOT NULL,
  value_hash BLOB NOT NULL,
  id         BLOB NOT NULL,
  PRIMARY KEY (ns, key_hash, value_hash, id)
) STRICT, WITHOUT ROWID;

-- The revision counter, one row per namespace, and the change log (docs/revisions.md).
CREATE TABLE ctr_revision (
  ns       BLOB    NOT NULL,
  revision INTEGER NOT NULL,
  PRIMARY KEY (ns)
) STRICT, WITHOUT ROWID;

CREATE TABLE ctr_event (
  ns                       BLOB    NOT NULL,
  revision                 INTEGER NOT NULL,
  type                     INTEGER NOT NULL,
  id                       BLOB    NOT NULL,
  image                    BLOB    NOT NULL,
  runtime_name             BLOB    NOT NULL,
  runtime_options_type_url BLOB    NULL,
  runtime_options_value    BLOB    NULL,
  spec_type_url            BLOB    NOT NULL,
  spec_value               BLOB    NOT NULL,
  snapshotter              BLOB    NOT NULL,
  snapshot_key             BLOB    NOT NULL,
  sandbox_id               BLOB    NOT NULL,
  labels                   BLOB    NOT NULL,
  extensions               BLOB    NOT NULL,
  created_at               INTEGER NOT NULL,
  updated_at               INTEGER NOT NULL,
  container_revision       INTEGER NOT NULL,
  appended_at              INTEGER NOT NULL,
  PRIMARY KEY (ns, revision)
) STRICT, WITHOUT ROWID;
