-- Availability of one product over [from, to) (DESIGN §6), computed from the status timeline.
--   on time  : segments whose freshness passed, minus declared maintenance;
--   measured : segments whose freshness passed or failed, minus declared maintenance;
--   coverage : measured ÷ (period − maintenance), reported beside availability so that a monitor
--              that could not measure never looks like good data.
-- Not measured: time between segments (monitor away), PAUSED segments, and segments whose freshness
-- was ERROR or NOT_EVALUATED (could not tell whether the data was on time).
-- Parameters: 1 product id (domain/name), 2 from, 3 to. Needs PostgreSQL 14+ (multiranges).
WITH params AS (
  SELECT CAST(? AS varchar) AS product_id,
         tstzrange(CAST(? AS timestamptz), CAST(? AS timestamptz)) AS period
),
maintenance AS (
  SELECT coalesce(
           (SELECT range_agg(tstzrange(m.started_at, m.ended_at) * p.period)
              FROM meshwatch.maintenance_windows m
             WHERE m.product_id = p.product_id
               AND tstzrange(m.started_at, m.ended_at) && p.period),
           tstzmultirange()) AS spans
    FROM params p
),
measured AS (
  SELECT s.freshness,
         tstzmultirange(tstzrange(s.started_at, s.ended_at) * p.period) - mt.spans AS spans
    FROM params p
    JOIN meshwatch.status_segments s
      ON s.product_id = p.product_id
     AND tstzrange(s.started_at, s.ended_at) && p.period
   CROSS JOIN maintenance mt
   WHERE s.state <> 'PAUSED'
     AND s.freshness IN ('PASS', 'FAIL')
),
totals AS (
  SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r))) FILTER (WHERE m.freshness = 'PASS'), 0) AS on_time_seconds,
         coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0) AS measured_seconds
    FROM measured m
   CROSS JOIN LATERAL unnest(m.spans) AS r
),
excluded AS (
  SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0) AS maintenance_seconds
    FROM maintenance mt
   CROSS JOIN LATERAL unnest(mt.spans) AS r
)
SELECT t.on_time_seconds,
       t.measured_seconds,
       e.maintenance_seconds,
       extract(epoch FROM upper(p.period) - lower(p.period)) AS period_seconds,
       CASE WHEN t.measured_seconds > 0 THEN t.on_time_seconds / t.measured_seconds END AS availability,
       CASE WHEN extract(epoch FROM upper(p.period) - lower(p.period)) > e.maintenance_seconds
            THEN t.measured_seconds / (extract(epoch FROM upper(p.period) - lower(p.period)) - e.maintenance_seconds)
       END AS coverage
  FROM totals t, excluded e, params p;
