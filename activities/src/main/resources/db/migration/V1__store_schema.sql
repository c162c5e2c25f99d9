-- meshwatch's own store: product registry, spec history, evaluation results and the status
-- timeline. Everything lives in schema "meshwatch" so the store can share a database (and a
-- Grafana datasource) with other applications. db/README.md explains keys and idempotency.
--
-- Short strings are varchar (unbounded, the same as text to PostgreSQL): jOOQ's code generator
-- replays these scripts in an in-memory H2 database, where text becomes a CLOB that cannot be a key.

CREATE SCHEMA IF NOT EXISTS meshwatch;

CREATE TABLE meshwatch.products (
  product_id      varchar     NOT NULL,
  domain          varchar     NOT NULL,
  name            varchar     NOT NULL,
  owner           varchar     NOT NULL,
  steward         varchar,
  current_version bigint      NOT NULL,
  active          boolean     NOT NULL DEFAULT true,
  paused          boolean     NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  retired_at      timestamptz,
  retired_by      varchar,
  CONSTRAINT products_pk PRIMARY KEY (product_id),
  CONSTRAINT products_domain_name_uk UNIQUE (domain, name),
  CONSTRAINT products_id_is_domain_name CHECK (product_id = domain || '/' || name),
  CONSTRAINT products_version_positive CHECK (current_version >= 1),
  CONSTRAINT products_retired_iff_inactive CHECK (active = (retired_at IS NULL))
);

COMMENT ON TABLE meshwatch.products IS
  'Registered data products, one row per product id (domain/name). Retiring keeps the row and all history.';

CREATE TABLE meshwatch.spec_versions (
  product_id  varchar     NOT NULL,
  version     bigint      NOT NULL,
  spec        jsonb       NOT NULL,
  source_text text,
  spec_sha256 varchar     NOT NULL,
  applied_by  varchar     NOT NULL,
  applied_at  timestamptz NOT NULL,
  CONSTRAINT spec_versions_pk PRIMARY KEY (product_id, version),
  CONSTRAINT spec_versions_product_fk FOREIGN KEY (product_id) REFERENCES meshwatch.products (product_id),
  CONSTRAINT spec_versions_version_positive CHECK (version >= 1),
  CONSTRAINT spec_versions_sha256_hex CHECK (char_length(spec_sha256) = 64)
);

COMMENT ON TABLE meshwatch.spec_versions IS
  'Every distinct spec a product was registered with. The key (product_id, version) makes a second writer of a version fail instead of duplicating it.';

CREATE TABLE meshwatch.evaluations (
  product_id   varchar     NOT NULL,
  scheduled_at timestamptz NOT NULL,
  spec_version bigint      NOT NULL,
  data_version varchar,
  queries      integer     NOT NULL,
  rows_scanned bigint      NOT NULL,
  duration_ms  bigint      NOT NULL,
  state        varchar     NOT NULL,
  recorded_at  timestamptz NOT NULL,
  CONSTRAINT evaluations_pk PRIMARY KEY (product_id, scheduled_at),
  CONSTRAINT evaluations_spec_version_fk FOREIGN KEY (product_id, spec_version)
    REFERENCES meshwatch.spec_versions (product_id, version),
  CONSTRAINT evaluations_costs_non_negative CHECK (queries >= 0 AND rows_scanned >= 0 AND duration_ms >= 0)
);

COMMENT ON TABLE meshwatch.evaluations IS
  'One row per cycle that scanned the data, keyed by the cycle''s scheduled time so a retried cycle overwrites its own row.';

CREATE TABLE meshwatch.check_results (
  product_id   varchar          NOT NULL,
  check_id     varchar          NOT NULL,
  scheduled_at timestamptz      NOT NULL,
  kind         varchar          NOT NULL,
  outcome      varchar          NOT NULL,
  observed     double precision,
  threshold    double precision,
  violations   bigint,
  row_count    bigint,
  message      text,
  spec_version bigint           NOT NULL,
  recorded_at  timestamptz      NOT NULL,
  CONSTRAINT check_results_pk PRIMARY KEY (product_id, check_id, scheduled_at),
  CONSTRAINT check_results_spec_version_fk FOREIGN KEY (product_id, spec_version)
    REFERENCES meshwatch.spec_versions (product_id, version),
  CONSTRAINT check_results_kind_known
    CHECK (kind IN ('FRESHNESS', 'SCHEMA', 'NOT_NULL', 'COMPLETENESS', 'PII_HANDLING', 'CUSTOM')),
  CONSTRAINT check_results_outcome_known
    CHECK (outcome IN ('PASS', 'WARN', 'FAIL', 'ERROR', 'NOT_EVALUATED'))
);

COMMENT ON TABLE meshwatch.check_results IS
  'Aggregates of one check in one cycle (never data values), upserted on (product_id, check_id, scheduled_at).';

-- Period reads (quality per quarter, one cycle's results) scan a product's results by time.
CREATE INDEX check_results_product_time_ix ON meshwatch.check_results (product_id, scheduled_at);

CREATE TABLE meshwatch.status_segments (
  product_id varchar     NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at   timestamptz NOT NULL,
  is_open    boolean     NOT NULL,
  state      varchar     NOT NULL,
  freshness  varchar,
  reason     text,
  CONSTRAINT status_segments_pk PRIMARY KEY (product_id, started_at),
  CONSTRAINT status_segments_product_fk FOREIGN KEY (product_id) REFERENCES meshwatch.products (product_id),
  CONSTRAINT status_segments_ordered CHECK (ended_at >= started_at),
  CONSTRAINT status_segments_state_known
    CHECK (state IN ('LATE', 'FAILING', 'ERROR', 'WARNING', 'HEALTHY', 'UNKNOWN', 'PAUSED')),
  CONSTRAINT status_segments_freshness_known
    CHECK (freshness IN ('PASS', 'WARN', 'FAIL', 'ERROR', 'NOT_EVALUATED'))
);

COMMENT ON TABLE meshwatch.status_segments IS
  'The status timeline: non-overlapping [started_at, ended_at) spans of one (state, freshness outcome). The open segment ends at the last cycle that confirmed it; time between segments was not measured.';

-- At most one open segment per product, whatever two racing writers do.
CREATE UNIQUE INDEX status_segments_one_open_ux ON meshwatch.status_segments (product_id) WHERE is_open;
-- Segments overlapping a period: started before its end and ended after its start.
CREATE INDEX status_segments_product_end_ix ON meshwatch.status_segments (product_id, ended_at);
