-- Scores (DESIGN §6) as SQL functions over any period [period_from, period_to), so the Java store,
-- Grafana panels and the quarterly report compute them the same way. docs/scores.md defines every
-- column. Functions hold no data: replacing them in a later migration rewrites no table.
--
-- Written for PostgreSQL 14+ (multiranges); jOOQ's code generator (H2) cannot replay function
-- bodies and generates no classes from them, hence the ignore markers.

-- [jooq ignore start]

-- Total length of a set of spans, in seconds.
CREATE FUNCTION meshwatch.span_seconds(spans tstzmultirange)
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0)::double precision
    FROM unnest(spans) AS r
$$;

CREATE FUNCTION meshwatch.product_scores(period_from timestamptz, period_to timestamptz)
RETURNS TABLE (
  product_id                       varchar,
  domain                           varchar,
  name                             varchar,
  period_seconds                   double precision,
  maintenance_seconds              double precision,
  paused_seconds                   double precision,
  measurable_seconds               double precision,
  measured_seconds                 double precision,
  on_time_seconds                  double precision,
  availability                     double precision,
  coverage                         double precision,
  availability_target              double precision,
  target_met                       boolean,
  evaluations                      bigint,
  quality_score                    double precision,
  breaches                         bigint,
  acknowledged                     bigint,
  resolved                         bigint,
  mean_time_to_acknowledge_seconds double precision,
  mean_time_to_resolve_seconds     double precision)
LANGUAGE sql STABLE
AS $$
  WITH product AS (
    -- A product counts from its registration until its retirement: time before it existed is
    -- neither measured nor missing.
    SELECT p.product_id, p.domain, p.name,
           tstzrange(greatest(period_from, p.created_at), least(period_to, coalesce(p.retired_at, period_to))) AS span
      FROM meshwatch.products p
     WHERE p.created_at < period_to
       AND (p.retired_at IS NULL OR p.retired_at > period_from)
  ),
  maintenance AS (
    -- The filter matters: tstzrange(NULL, NULL) of an unmatched outer row is unbounded, not null.
    SELECT pr.product_id,
           coalesce(range_agg(tstzrange(m.started_at, m.ended_at) * pr.span) FILTER (WHERE m.product_id IS NOT NULL),
                    tstzmultirange()) AS spans
      FROM product pr
      LEFT JOIN meshwatch.maintenance_windows m
        ON m.product_id = pr.product_id
       AND tstzrange(m.started_at, m.ended_at) && pr.span
     GROUP BY pr.product_id
  ),
  timeline AS (
    -- Segments never overlap, so unions of them are exact. Freshness ERROR / NOT_EVALUATED and
    -- gaps between segments are unmeasured; PAUSED is excluded on purpose (the owner paused it).
    -- Every filter also drops the unmatched outer row, whose unbounded range would cover all time.
    SELECT pr.product_id,
           coalesce(range_agg(tstzrange(s.started_at, s.ended_at) * pr.span)
                      FILTER (WHERE s.state <> 'PAUSED' AND s.freshness = 'PASS'), tstzmultirange()) AS on_time,
           coalesce(range_agg(tstzrange(s.started_at, s.ended_at) * pr.span)
                      FILTER (WHERE s.state <> 'PAUSED' AND s.freshness IN ('PASS', 'FAIL')), tstzmultirange()) AS measured,
           coalesce(range_agg(tstzrange(s.started_at, s.ended_at) * pr.span)
                      FILTER (WHERE s.state = 'PAUSED'), tstzmultirange()) AS paused
      FROM product pr
      LEFT JOIN meshwatch.status_segments s
        ON s.product_id = pr.product_id
       AND tstzrange(s.started_at, s.ended_at) && pr.span
     GROUP BY pr.product_id
  ),
  seconds AS (
    -- Maintenance is taken out of everything else first, so no second is subtracted twice.
    SELECT pr.product_id,
           meshwatch.span_seconds(tstzmultirange(pr.span)) AS period_seconds,
           meshwatch.span_seconds(mt.spans) AS maintenance_seconds,
           meshwatch.span_seconds(t.paused - mt.spans) AS paused_seconds,
           meshwatch.span_seconds(tstzmultirange(pr.span) - mt.spans - t.paused) AS measurable_seconds,
           meshwatch.span_seconds(t.measured - mt.spans) AS measured_seconds,
           meshwatch.span_seconds(t.on_time - mt.spans) AS on_time_seconds
      FROM product pr
      JOIN maintenance mt ON mt.product_id = pr.product_id
      JOIN timeline t ON t.product_id = pr.product_id
  ),
  target AS (
    -- The spec version in force at the end of the period: the last one applied before it.
    SELECT DISTINCT ON (v.product_id)
           v.product_id,
           coalesce((v.spec #>> '{sla,availabilityTarget}')::double precision, 0.999) AS availability_target
      FROM meshwatch.spec_versions v
     WHERE v.applied_at < period_to
     ORDER BY v.product_id, v.applied_at DESC, v.version DESC
  ),
  evaluation AS (
    -- Per evaluation: weighted share of the checks that could be measured. Results carry no
    -- severity, so every check weighs the same (docs/scores.md).
    SELECT e.product_id,
           100 * sum(CASE c.outcome WHEN 'PASS' THEN 1.0 WHEN 'WARN' THEN 0.5 ELSE 0.0 END)
               / count(c.outcome) AS score
      FROM product pr
      JOIN meshwatch.evaluations e
        ON e.product_id = pr.product_id
       AND e.scheduled_at >= period_from AND e.scheduled_at < period_to
      JOIN meshwatch.check_results c
        ON c.product_id = e.product_id
       AND c.scheduled_at = e.scheduled_at
       AND c.outcome IN ('PASS', 'WARN', 'FAIL')
     GROUP BY e.product_id, e.scheduled_at
  ),
  quality AS (
    SELECT ev.product_id, count(*) AS evaluations, avg(ev.score)::double precision AS quality_score
      FROM evaluation ev
     GROUP BY ev.product_id
  ),
  incident AS (
    -- A breach belongs to the period it opened in. The acknowledgement is the first ACKNOWLEDGED
    -- transition, kept even when a later transition (a resolve) no longer shows it on the row.
    -- False positives were the monitor's mistake, not a breach.
    SELECT i.product_id,
           i.opened_at,
           coalesce((SELECT min(tr.at) FROM meshwatch.incident_transitions tr
                      WHERE tr.incident_id = i.incident_id AND tr.kind = 'ACKNOWLEDGED'),
                    i.acknowledged_at) AS acknowledged_at,
           i.resolved_at
      FROM meshwatch.incidents i
      JOIN product pr ON pr.product_id = i.product_id
     WHERE i.opened_at >= period_from AND i.opened_at < period_to
       AND i.resolution IS DISTINCT FROM 'FALSE_POSITIVE'
  ),
  breach AS (
    SELECT ic.product_id,
           count(*) AS breaches,
           count(ic.acknowledged_at) AS acknowledged,
           count(ic.resolved_at) AS resolved,
           avg(extract(epoch FROM ic.acknowledged_at - ic.opened_at))::double precision AS mean_time_to_acknowledge_seconds,
           avg(extract(epoch FROM ic.resolved_at - ic.opened_at))::double precision AS mean_time_to_resolve_seconds
      FROM incident ic
     GROUP BY ic.product_id
  )
  SELECT pr.product_id, pr.domain, pr.name,
         s.period_seconds, s.maintenance_seconds, s.paused_seconds, s.measurable_seconds,
         s.measured_seconds, s.on_time_seconds,
         CASE WHEN s.measured_seconds > 0 THEN s.on_time_seconds / s.measured_seconds END AS availability,
         CASE WHEN s.measurable_seconds > 0 THEN s.measured_seconds / s.measurable_seconds END AS coverage,
         tg.availability_target,
         CASE WHEN s.measured_seconds > 0 THEN s.on_time_seconds / s.measured_seconds >= tg.availability_target END AS target_met,
         coalesce(q.evaluations, 0) AS evaluations,
         q.quality_score,
         coalesce(b.breaches, 0) AS breaches,
         coalesce(b.acknowledged, 0) AS acknowledged,
         coalesce(b.resolved, 0) AS resolved,
         b.mean_time_to_acknowledge_seconds,
         b.mean_time_to_resolve_seconds
    FROM product pr
    JOIN seconds s ON s.product_id = pr.product_id
    JOIN target tg ON tg.product_id = pr.product_id
    LEFT JOIN quality q ON q.product_id = pr.product_id
    LEFT JOIN breach b ON b.product_id = pr.product_id
   ORDER BY pr.product_id
$$;

-- Roll-ups weigh time, not products: availability is total on-time over total measured, so a
-- product measured for a day does not count as much as one measured for the quarter. Quality is
-- the mean of the products' scores (each product once, however often it was evaluated); mean
-- times are weighted by the incidents behind them.
CREATE FUNCTION meshwatch.domain_scores(period_from timestamptz, period_to timestamptz)
RETURNS TABLE (
  domain                           varchar,
  products                         bigint,
  products_meeting_target          bigint,
  measurable_seconds               double precision,
  measured_seconds                 double precision,
  on_time_seconds                  double precision,
  availability                     double precision,
  coverage                         double precision,
  quality_score                    double precision,
  breaches                         bigint,
  mean_time_to_acknowledge_seconds double precision,
  mean_time_to_resolve_seconds     double precision)
LANGUAGE sql STABLE
AS $$
  SELECT ps.domain,
         count(*),
         count(*) FILTER (WHERE ps.target_met),
         sum(ps.measurable_seconds),
         sum(ps.measured_seconds),
         sum(ps.on_time_seconds),
         sum(ps.on_time_seconds) / nullif(sum(ps.measured_seconds), 0),
         sum(ps.measured_seconds) / nullif(sum(ps.measurable_seconds), 0),
         avg(ps.quality_score),
         sum(ps.breaches)::bigint,
         sum(ps.mean_time_to_acknowledge_seconds * ps.acknowledged) / nullif(sum(ps.acknowledged), 0),
         sum(ps.mean_time_to_resolve_seconds * ps.resolved) / nullif(sum(ps.resolved), 0)
    FROM meshwatch.product_scores(period_from, period_to) ps
   GROUP BY ps.domain
   ORDER BY ps.domain
$$;

CREATE FUNCTION meshwatch.overall_scores(period_from timestamptz, period_to timestamptz)
RETURNS TABLE (
  domains                          bigint,
  products                         bigint,
  products_meeting_target          bigint,
  measurable_seconds               double precision,
  measured_seconds                 double precision,
  on_time_seconds                  double precision,
  availability                     double precision,
  coverage                         double precision,
  quality_score                    double precision,
  breaches                         bigint,
  mean_time_to_acknowledge_seconds double precision,
  mean_time_to_resolve_seconds     double precision)
LANGUAGE sql STABLE
AS $$
  -- Always one row, zeros and nulls included, so a dashboard panel never shows "no data".
  SELECT count(DISTINCT ps.domain),
         count(ps.product_id),
         count(*) FILTER (WHERE ps.target_met),
         coalesce(sum(ps.measurable_seconds), 0),
         coalesce(sum(ps.measured_seconds), 0),
         coalesce(sum(ps.on_time_seconds), 0),
         sum(ps.on_time_seconds) / nullif(sum(ps.measured_seconds), 0),
         sum(ps.measured_seconds) / nullif(sum(ps.measurable_seconds), 0),
         avg(ps.quality_score),
         coalesce(sum(ps.breaches), 0)::bigint,
         sum(ps.mean_time_to_acknowledge_seconds * ps.acknowledged) / nullif(sum(ps.acknowledged), 0),
         sum(ps.mean_time_to_resolve_seconds * ps.resolved) / nullif(sum(ps.resolved), 0)
    FROM meshwatch.product_scores(period_from, period_to) ps
$$;

-- [jooq ignore stop]
