-- ctrstore schema 2, MySQL 8 / MariaDB 10.6+: the same data in less space. Measured with 100,000
-- containers of three labels and a 1 KiB spec each, loaded by 8 threads into MariaDB 10.11:
-- 318.9 MB of .ibd files at schema 1, 243.4 MB at schema 2 (ctr_label 113.2 -> 37.7 MB).
--
-- Hashes keep the first 8 bytes of SHA-256 instead of all 32. A hash only selects candidates,
-- which the shared Filter re-checks against the container row, so a collision can add a
-- candidate but never change an answer; at 64 bits even that is rare (2^-64 a pair), and forging
-- one against a given label is a 2^64 search. The 24 bytes saved were paid in every row and again
-- in every index entry.
--
-- Stop processes running an older ctrstore before this runs: they write the old shape, and
-- their writes fail once it has (or make it fail, between its steps on ctr_container).

-- The label index keeps hashes only: the labels themselves are in the container row, which the
-- Filter re-checks, so the key and value here only cost space. It is also keyed by what it is
-- searched by, (ns, key_hash, value_hash), so the lookup walks the rows themselves: schema 1
-- kept the rows in (ns, id, key_hash) order plus a secondary index in lookup order, and a
-- secondary index entry repeats the primary key. One B-tree instead of two; a delete finds the
-- rows from the labels in the container row. value_hash and id complete the key, so labels
-- whose key hashes collide remain distinct rows.
CREATE TABLE ctr_label_new (
  ns         VARBINARY(76) NOT NULL,
  key_hash   BINARY(8)     NOT NULL,   -- first 8 bytes of SHA-256(key)
  value_hash BINARY(8)     NOT NULL,   -- first 8 bytes of SHA-256(value)
  id         VARBINARY(76) NOT NULL,
  PRIMARY KEY (ns, key_hash, value_hash, id)
) ENGINE = InnoDB;

-- Copied, not altered: cut to 8 bytes, the hashes of two labels of one container may coincide,
-- and DISTINCT keeps the one row a lookup needs. The old table is out of the way during the
-- copy, so a writer that still uses it fails rather than writes rows the copy would miss. Rows
-- go in in key order, which fills each page before starting the next.
RENAME TABLE ctr_label TO ctr_label_old;

INSERT INTO ctr_label_new (ns, key_hash, value_hash, id)
  SELECT DISTINCT ns, LEFT(key_hash, 8), LEFT(value_hash, 8), id FROM ctr_label_old
  ORDER BY 1, 2, 3, 4;

RENAME TABLE ctr_label_new TO ctr_label;

DROP TABLE ctr_label_old;

-- Strict mode (the server default) refuses to cut a BINARY(32) value to BINARY(8), and a BINARY
-- column pads what is written to it back to its full length, so the hashes are cut while the
-- columns are VARBINARY: widen, cut, narrow. The last ALTER rebuilds the table with full pages.
ALTER TABLE ctr_container
  MODIFY image_hash   VARBINARY(32) NOT NULL,
  MODIFY runtime_hash VARBINARY(32) NOT NULL;

UPDATE ctr_container SET image_hash = LEFT(image_hash, 8), runtime_hash = LEFT(runtime_hash, 8);

ALTER TABLE ctr_container
  MODIFY image_hash   BINARY(8) NOT NULL,   -- first 8 bytes of SHA-256(image), for image==
  MODIFY runtime_hash BINARY(8) NOT NULL;   -- first 8 bytes of SHA-256(runtime_name)
