package io.meshwatch.workflows.activities;

import io.meshwatch.workflows.model.CheckResult;
import java.util.List;

/**
 * Output of {@link WarehouseActivities#evaluate}: one result per non-freshness check of the plan,
 * with what the evaluation cost — warehouse statements issued (a fused evaluation issues one scan),
 * rows scanned, wall time.
 */
public record EvaluateOutput(List<CheckResult> results, int queries, long rowsScanned, long durationMillis) {

  public EvaluateOutput {
    results = List.copyOf(results);
  }
}
