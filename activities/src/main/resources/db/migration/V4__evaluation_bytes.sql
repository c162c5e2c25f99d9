-- What an evaluation cost in bytes, as the warehouse reported it: BigQuery bills queries by bytes,
-- and the cost reports sum these per product and domain. Zero for warehouses that do not bill by scan.
ALTER TABLE meshwatch.evaluations ADD COLUMN bytes_processed bigint NOT NULL DEFAULT 0;
ALTER TABLE meshwatch.evaluations ADD COLUMN bytes_billed bigint NOT NULL DEFAULT 0;
ALTER TABLE meshwatch.evaluations ADD CONSTRAINT evaluations_bytes_non_negative
  CHECK (bytes_processed >= 0 AND bytes_billed >= 0);
COMMENT ON COLUMN meshwatch.evaluations.bytes_processed IS 'bytes the evaluation''s statements processed (BigQuery totalBytesProcessed)';
COMMENT ON COLUMN meshwatch.evaluations.bytes_billed IS 'bytes the evaluation''s statements were billed for (BigQuery totalBytesBilled)';
