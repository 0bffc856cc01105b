-- ctrstore schema 3, MySQL 8 / MariaDB 10.6+: revisions and the change log (docs/revisions.md).
--
-- ctr_revision holds one counter row per namespace. A write transaction increments its
-- namespace's row first (INSERT … ON DUPLICATE KEY UPDATE, which locks the row until commit), so
-- the writes of a namespace take revisions one at a time and commit in revision order: the next
-- writer cannot read the counter before the previous one committed. No AUTO_INCREMENT is involved,
-- so nothing assumes that allocation order is commit order; on Galera two nodes incrementing the
-- same row concurrently conflict at certification and the loser runs again (a deadlock error).
-- A rolled-back write rolls its increment back too, so revisions have no gaps.
CREATE TABLE ctr_revision (
  ns       VARBINARY(76) NOT NULL,
  revision BIGINT        NOT NULL,   -- the namespace's latest committed revision
  PRIMARY KEY (ns)
) ENGINE = InnoDB;

-- The change log: one row per committed write, in the write's own transaction, holding the
-- container as the write left it (for a delete, as it was last stored), so that a watcher in any
-- process reads what happened from the database. Keyed in the order watchers read it. Compaction
-- deletes the oldest rows of a namespace; the lowest revision left, less one, is how far the log
-- was compacted (revisions have no gaps), and a namespace with no rows left is compacted through
-- its counter.
CREATE TABLE ctr_event (
  ns                       VARBINARY(76) NOT NULL,
  revision                 BIGINT        NOT NULL,   -- the write's revision
  type                     TINYINT       NOT NULL,   -- 1 created, 2 updated, 3 deleted
  id                       VARBINARY(76) NOT NULL,
  image                    LONGBLOB      NOT NULL,
  runtime_name             LONGBLOB      NOT NULL,
  runtime_options_type_url LONGBLOB      NULL,
  runtime_options_value    LONGBLOB      NULL,
  spec_type_url            LONGBLOB      NOT NULL,
  spec_value               LONGBLOB      NOT NULL,
  snapshotter              LONGBLOB      NOT NULL,
  snapshot_key             LONGBLOB      NOT NULL,
  sandbox_id               LONGBLOB      NOT NULL,
  labels                   LONGBLOB      NOT NULL,
  extensions               LONGBLOB      NOT NULL,
  created_at               BIGINT        NOT NULL,
  updated_at               BIGINT        NOT NULL,
  container_revision       BIGINT        NOT NULL,   -- the container's revision (older for a delete)
  appended_at              BIGINT        NOT NULL,   -- writer's clock, ms since the epoch, for retention
  PRIMARY KEY (ns, revision)
) ENGINE = InnoDB;

-- Existing containers get revisions 1..n in id order within their namespace, and the counter n.
-- Their writes left no events, so a watch from below n is told to list again.
ALTER TABLE ctr_container ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

UPDATE ctr_container c
  JOIN (SELECT ns, id, ROW_NUMBER() OVER (PARTITION BY ns ORDER BY id) AS rn FROM ctr_container) r
    ON c.ns = r.ns AND c.id = r.id
  SET c.revision = r.rn;

INSERT INTO ctr_revision (ns, revision) SELECT ns, COUNT(*) FROM ctr_container GROUP BY ns;
