-- Declared maintenance as concrete spans, so availability can leave it out with plain SQL
-- (db/queries/availability.sql). The store writes the spans a cycle's stretch of timeline reaches:
-- recurring windows expanded in the SLA's timezone, one-off windows as declared.

CREATE TABLE meshwatch.maintenance_windows (
  product_id varchar     NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at   timestamptz NOT NULL,
  CONSTRAINT maintenance_windows_pk PRIMARY KEY (product_id, started_at),
  CONSTRAINT maintenance_windows_product_fk FOREIGN KEY (product_id) REFERENCES meshwatch.products (product_id),
  CONSTRAINT maintenance_windows_ordered CHECK (ended_at > started_at)
);

COMMENT ON TABLE meshwatch.maintenance_windows IS
  'Declared maintenance as concrete spans (recurring windows expanded in the SLA''s timezone), written as monitoring cycles reach them; excluded from availability.';
