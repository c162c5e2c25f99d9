package io.meshwatch.workflows.activities;

import io.meshwatch.workflows.model.CheckResult;
import java.util.List;

/**
 * Output of {@link WarehouseActivities#evaluate}: one result per non-freshness check of the plan,
 * with what the evaluation cost: {@code queries}, every warehouse statement that read something
 * (catalog reads included); {@code scans}, the statements that read table data — one for a fused
 * evaluation, zero when nothing needed a scan; rows scanned; wall time; {@code bytesProcessed} and
 * {@code bytesBilled}, what the warehouse reported the evaluation's statements processed and billed
 * (BigQuery; zero for warehouses that do not bill by scan, and in histories recorded before the
 * fields existed).
 */
public record EvaluateOutput(List<CheckResult> results, int queries, int scans, long rowsScanned, long durationMillis,
    long bytesProcessed, long bytesBilled) {

  public EvaluateOutput {
    results = List.copyOf(results);
  }
}
