-- ctrstore schema 3, H2 2.x: the MySQL schema's version 2 (see its comments). Hashes keep the
-- first 8 bytes of SHA-256; label rows keep only the hashes, with value_hash in the primary key.

-- H2 refuses to cut a longer value to BINARY(8) and pads a shorter one to BINARY(32): cut the
-- hashes while the columns are VARBINARY. SET DATA TYPE keeps NOT NULL.
ALTER TABLE ctr_container ALTER COLUMN image_hash SET DATA TYPE VARBINARY(32);
ALTER TABLE ctr_container ALTER COLUMN runtime_hash SET DATA TYPE VARBINARY(32);
UPDATE ctr_container SET image_hash = SUBSTRING(image_hash FROM 1 FOR 8),
  runtime_hash = SUBSTRING(runtime_hash FROM 1 FOR 8);
ALTER TABLE ctr_container ALTER COLUMN image_hash SET DATA TYPE BINARY(8);
ALTER TABLE ctr_container ALTER COLUMN runtime_hash SET DATA TYPE BINARY(8);

-- Copied, not altered: cut hashes of two labels of one container may coincide, and DISTINCT
-- keeps one row for them. H2's index names belong to the schema, so the old one goes first.
DROP INDEX ctr_label_kv;
ALTER TABLE ctr_label RENAME TO ctr_label_schema1;

CREATE TABLE ctr_label (
  ns         VARBINARY(76) NOT NULL,
  id         VARBINARY(76) NOT NULL,
  key_hash   BINARY(8)     NOT NULL,
  value_hash BINARY(8)     NOT NULL,
  PRIMARY KEY (ns, key_hash, value_hash, id)
);

INSERT INTO ctr_label (ns, key_hash, value_hash, id)
  SELECT DISTINCT ns, SUBSTRING(key_hash FROM 1 FOR 8), SUBSTRING(value_hash FROM 1 FOR 8), id
  FROM ctr_label_schema1;

DROP TABLE ctr_label_schema1;
