-- ctrstore schema 1, MySQL 8 / MariaDB 10.6+ (and MySQL-protocol engines).
-- Every string is kept as its UTF-8 bytes in a binary column, so comparisons and ORDER BY are
-- byte-exact whatever the server's character set and collation (no case folding, no PAD SPACE).
-- Natural keys only: no AUTO_INCREMENT, no foreign keys, no triggers.

-- One row per container; labels and extensions are also kept whole in the row (protobuf map
-- encoding), so reading a container is a single-row lookup.
CREATE TABLE ctr_container (
  ns                       VARBINARY(76) NOT NULL,
  id                       VARBINARY(76) NOT NULL,
  image                    LONGBLOB      NOT NULL,
  image_hash               BINARY(32)    NOT NULL,   -- SHA-256(image), for image== filters
  runtime_name             LONGBLOB      NOT NULL,
  runtime_hash             BINARY(32)    NOT NULL,   -- SHA-256(runtime_name)
  runtime_options_type_url LONGBLOB      NULL,       -- NULL: no options (empty Any is not NULL)
  runtime_options_value    LONGBLOB      NULL,
  spec_type_url            LONGBLOB      NOT NULL,
  spec_value               LONGBLOB      NOT NULL,
  snapshotter              LONGBLOB      NOT NULL,
  snapshot_key             LONGBLOB      NOT NULL,
  sandbox_id               LONGBLOB      NOT NULL,
  labels                   LONGBLOB      NOT NULL,   -- map<string,string>, protobuf encoding
  extensions               LONGBLOB      NOT NULL,   -- map<string,Any>, protobuf encoding
  created_at               BIGINT        NOT NULL,   -- UTC, microseconds since the epoch
  updated_at               BIGINT        NOT NULL,
  PRIMARY KEY (ns, id),
  KEY ctr_container_image (ns, image_hash),
  KEY ctr_container_runtime (ns, runtime_hash)
) ENGINE = InnoDB;

-- The label index: one row per label, for labels.<k>==<v> and labels.<k> filters. Keys and
-- values are up to 4095 bytes, too long for an index, so the index holds their SHA-256 and the
-- query re-checks the full bytes.
CREATE TABLE ctr_label (
  ns          VARBINARY(76)   NOT NULL,
  id          VARBINARY(76)   NOT NULL,
  key_hash    BINARY(32)      NOT NULL,
  value_hash  BINARY(32)      NOT NULL,
  label_key   VARBINARY(4096) NOT NULL,
  label_value VARBINARY(4096) NOT NULL,
  PRIMARY KEY (ns, id, key_hash),
  KEY ctr_label_kv (ns, key_hash, value_hash)
) ENGINE = InnoDB;
