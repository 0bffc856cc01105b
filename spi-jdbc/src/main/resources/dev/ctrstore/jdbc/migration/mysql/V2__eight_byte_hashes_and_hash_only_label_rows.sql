-- ctrstore schema 2, MySQL 8 / MariaDB 10.6+: the same data in less space. Hashes keep the
-- first 8 bytes of SHA-256 instead of all 32, and label rows keep only the hashes. A hash only
-- picks candidates, which the shared Filter re-checks against the container row, so a collision
-- can add a candidate but never change an answer, and 64 bits make even that rare (2^-64 a pair).
-- Every hash was stored in each row and again in each index entry, and every label also in the
-- container row, so these bytes were paid several times over.

-- Strict mode (the server default) refuses to cut a BINARY(32) value to BINARY(8), and a BINARY
-- column pads whatever is written to it back to its full length. So the hashes are cut while the
-- columns are VARBINARY: widen, cut, narrow. The last ALTER rebuilds the table and its indexes
-- with full pages.
ALTER TABLE ctr_container
  MODIFY image_hash   VARBINARY(32) NOT NULL,
  MODIFY runtime_hash VARBINARY(32) NOT NULL;

UPDATE ctr_container SET image_hash = LEFT(image_hash, 8), runtime_hash = LEFT(runtime_hash, 8);

ALTER TABLE ctr_container
  MODIFY image_hash   BINARY(8) NOT NULL,   -- first 8 bytes of SHA-256(image), for image==
  MODIFY runtime_hash BINARY(8) NOT NULL;   -- first 8 bytes of SHA-256(runtime_name)

-- ctr_label is copied rather than altered: cut to 8 bytes, the hashes of two labels of one
-- container may coincide, and SELECT DISTINCT keeps one such row, which is all a lookup needs.
-- The old table is renamed first, so a writer of an older ctrstore still running fails (no such
-- table, then no label_key column) rather than adds rows to a table about to be dropped.
RENAME TABLE ctr_label TO ctr_label_schema1;

-- value_hash is in the primary key so that labels whose key hashes collide are still distinct
-- rows. The lookup index is added after the copy: built from sorted entries its pages are full,
-- where filled in hash order (random) they would be about two-thirds full.
CREATE TABLE ctr_label (
  ns         VARBINARY(76) NOT NULL,
  id         VARBINARY(76) NOT NULL,
  key_hash   BINARY(8)     NOT NULL,   -- first 8 bytes of SHA-256(key)
  value_hash BINARY(8)     NOT NULL,   -- first 8 bytes of SHA-256(value)
  PRIMARY KEY (ns, key_hash, value_hash, id)
) ENGINE = InnoDB;

INSERT INTO ctr_label (ns, key_hash, value_hash, id)
  SELECT DISTINCT ns, LEFT(key_hash, 8), LEFT(value_hash, 8), id FROM ctr_label_schema1
  ORDER BY 1, 2, 3, 4;

DROP TABLE ctr_label_schema1;
