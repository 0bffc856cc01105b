-- ctrstore schema 1, H2 2.x. Same shape as the MySQL schema; strings are kept as UTF-8 bytes
-- in VARBINARY columns (byte-exact comparison and ordering). Payloads use VARBINARY with H2's
-- largest length rather than BLOB: H2 keeps VARBINARY inline in the row, which reads several
-- times faster than its LOB storage for the small values that are the norm.

CREATE TABLE ctr_container (
  ns                       VARBINARY(76)         NOT NULL,
  id                       VARBINARY(76)         NOT NULL,
  image                    VARBINARY(1000000000) NOT NULL,
  image_hash               BINARY(32)            NOT NULL,
  runtime_name             VARBINARY(1000000000) NOT NULL,
  runtime_hash             BINARY(32)            NOT NULL,
  runtime_options_type_url VARBINARY(1000000000) NULL,
  runtime_options_value    VARBINARY(1000000000) NULL,
  spec_type_url            VARBINARY(1000000000) NOT NULL,
  spec_value               VARBINARY(1000000000) NOT NULL,
  snapshotter              VARBINARY(1000000000) NOT NULL,
  snapshot_key             VARBINARY(1000000000) NOT NULL,
  sandbox_id               VARBINARY(1000000000) NOT NULL,
  labels                   VARBINARY(1000000000) NOT NULL,
  extensions               VARBINARY(1000000000) NOT NULL,
  created_at               BIGINT                NOT NULL,
  updated_at               BIGINT                NOT NULL,
  PRIMARY KEY (ns, id)
);
CREATE INDEX ctr_container_image ON ctr_container (ns, image_hash);
CREATE INDEX ctr_container_runtime ON ctr_container (ns, runtime_hash);

CREATE TABLE ctr_label (
  ns          VARBINARY(76)   NOT NULL,
  id          VARBINARY(76)   NOT NULL,
  key_hash    BINARY(32)      NOT NULL,
  value_hash  BINARY(32)      NOT NULL,
  label_key   VARBINARY(4096) NOT NULL,
  label_value VARBINARY(4096) NOT NULL,
  PRIMARY KEY (ns, id, key_hash)
);
CREATE INDEX ctr_label_kv ON ctr_label (ns, key_hash, value_hash);
