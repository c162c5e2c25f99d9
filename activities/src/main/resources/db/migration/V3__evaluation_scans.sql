-- Scans apart from all queries: an evaluation reads the catalog (schema) and scans the table once;
-- the single-scan property and the cost reports need the scan count on its own.
ALTER TABLE meshwatch.evaluations ADD COLUMN scans integer NOT NULL DEFAULT 0;
ALTER TABLE meshwatch.evaluations ADD CONSTRAINT evaluations_scans_non_negative CHECK (scans >= 0);
COMMENT ON COLUMN meshwatch.evaluations.scans IS 'statements that read table data (1 for a fused evaluation, 0 when nothing needed a scan)';
