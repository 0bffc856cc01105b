-- ctrstore schema 4, H2 2.x: MySQL schema 3 (see its comments for the design): a counter row per
-- namespace, the change log, and a revision per container.

CREATE TABLE ctr_revision (
  ns       VARBINARY(76) NOT NULL,
  revision BIGINT        NOT NULL,
  PRIMARY KEY (ns)
);

CREATE TABLE ctr_event (
  ns                       VARBINARY(76)         NOT NULL,
  revision                 BIGINT                NOT NULL,
  type                     TINYINT               NOT NULL,
  id                       VARBINARY(76)         NOT NULL,
  image                    VARBINARY(1000000000) NOT NULL,
  runtime_name             VARBINARY(1000000000) NOT NULL,
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
  container_revision       BIGINT                NOT NULL,
  appended_at              BIGINT                NOT NULL,
  PRIMARY KEY (ns, revision)
);

ALTER TABLE ctr_container ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

MERGE INTO ctr_container c
  USING (SELECT ns, id, ROW_NUMBER() OVER (PARTITION BY ns ORDER BY id) AS rn FROM ctr_container) r
  ON c.ns = r.ns AND c.id = r.id
  WHEN MATCHED THEN UPDATE SET revision = r.rn;

INSERT INTO ctr_revision (ns, revision) SELECT ns, COUNT(*) FROM ctr_container GROUP BY ns;
