-- Incidents (DESIGN §7): one row per breach episode as it stands, every transition it went through
-- (who, when, how), and the delivery outbox that makes each message go out once. db/README.md
-- explains keys and idempotency.
--
-- No foreign key to products: the source-unavailable incident belongs to a warehouse connection,
-- not to a registered product, and an incident outlives the product's retirement.

CREATE TABLE meshwatch.incidents (
  incident_id      varchar     NOT NULL,
  product_id       varchar     NOT NULL,
  domain           varchar     NOT NULL,
  name             varchar     NOT NULL,
  owner            varchar     NOT NULL,
  state            varchar     NOT NULL,
  product_state    varchar,
  opened_at        timestamptz NOT NULL,
  acknowledged_at  timestamptz,
  acknowledged_by  varchar,
  acknowledged_via varchar,
  snoozed_until    timestamptz,
  resolved_at      timestamptz,
  resolution       varchar,
  resolved_by      varchar,
  resolved_via     varchar,
  note             text,
  failing          jsonb       NOT NULL,
  message_sink     varchar,
  message_channel  varchar,
  message_id       varchar,
  last_sequence    integer     NOT NULL,
  updated_at       timestamptz NOT NULL,
  recorded_at      timestamptz NOT NULL,
  CONSTRAINT incidents_pk PRIMARY KEY (incident_id),
  CONSTRAINT incidents_product_is_domain_name CHECK (product_id = domain || '/' || name),
  CONSTRAINT incidents_sequence_positive CHECK (last_sequence >= 1),
  CONSTRAINT incidents_acknowledged_by_and_via CHECK ((acknowledged_by IS NULL) = (acknowledged_via IS NULL)),
  CONSTRAINT incidents_resolved_by_and_via CHECK ((resolved_by IS NULL) = (resolved_via IS NULL)),
  CONSTRAINT incidents_state_known CHECK (state IN ('OPEN', 'ACKNOWLEDGED', 'SNOOZED', 'RESOLVED')),
  CONSTRAINT incidents_product_state_known
    CHECK (product_state IN ('LATE', 'FAILING', 'ERROR', 'WARNING', 'HEALTHY', 'UNKNOWN', 'PAUSED')),
  CONSTRAINT incidents_resolution_known CHECK (resolution IN ('RECOVERED', 'FIXED', 'EXPECTED', 'FALSE_POSITIVE'))
);

COMMENT ON TABLE meshwatch.incidents IS
  'One row per incident (breach episode) as of its latest recorded transition (last_sequence); a transition recorded late never overwrites newer state. failing holds aggregates only, never data values.';
COMMENT ON COLUMN meshwatch.incidents.updated_at IS 'the workflow time of the transition the row shows';
COMMENT ON COLUMN meshwatch.incidents.recorded_at IS 'when the store last wrote the row (wall clock)';

-- Open incidents: what a starting worker reloads and GET /api/incidents lists.
CREATE INDEX incidents_open_ix ON meshwatch.incidents (opened_at) WHERE state <> 'RESOLVED';
-- A product's incidents, newest first.
CREATE INDEX incidents_product_ix ON meshwatch.incidents (product_id, opened_at);

CREATE TABLE meshwatch.incident_transitions (
  incident_id varchar     NOT NULL,
  sequence    integer     NOT NULL,
  at          timestamptz NOT NULL,
  kind        varchar     NOT NULL,
  actor       varchar     NOT NULL,
  via         varchar     NOT NULL,
  detail      text,
  recorded_at timestamptz NOT NULL,
  CONSTRAINT incident_transitions_pk PRIMARY KEY (incident_id, sequence),
  CONSTRAINT incident_transitions_incident_fk FOREIGN KEY (incident_id) REFERENCES meshwatch.incidents (incident_id),
  CONSTRAINT incident_transitions_sequence_positive CHECK (sequence >= 1),
  CONSTRAINT incident_transitions_kind_known CHECK (kind IN ('OPENED', 'UPDATED', 'ESCALATED_TO_STEWARD',
    'ESCALATED_TO_PLATFORM', 'REMINDED', 'ACKNOWLEDGED', 'SNOOZED', 'UNSNOOZED', 'INHIBITED', 'UNINHIBITED', 'RESOLVED'))
);

COMMENT ON TABLE meshwatch.incident_transitions IS
  'Every transition of every incident: when, what, who and through what (slack, cli, api, meshwatch). Keyed by (incident_id, sequence) and inserted ON CONFLICT DO NOTHING, so a retried record never duplicates one.';

CREATE TABLE meshwatch.notification_outbox (
  key         varchar     NOT NULL,
  incident_id varchar     NOT NULL,
  intent      varchar     NOT NULL,
  channel     varchar,
  sent        boolean     NOT NULL DEFAULT false,
  message_id  varchar,
  attempts    integer     NOT NULL,
  created_at  timestamptz NOT NULL,
  sent_at     timestamptz,
  CONSTRAINT notification_outbox_pk PRIMARY KEY (key),
  CONSTRAINT notification_outbox_attempts_positive CHECK (attempts >= 1),
  CONSTRAINT notification_outbox_sent_at_iff_sent CHECK (sent = (sent_at IS NOT NULL))
);

COMMENT ON TABLE meshwatch.notification_outbox IS
  'One row per intended message, claimed before the call that sends it: a retried delivery finds its row (sent, or attempts > 1) and never posts twice. No foreign key to incidents: the opening message may be claimed before the incident''s first record.';

-- An incident's messages (what was said about it, and what was claimed but never confirmed).
CREATE INDEX notification_outbox_incident_ix ON meshwatch.notification_outbox (incident_id);
