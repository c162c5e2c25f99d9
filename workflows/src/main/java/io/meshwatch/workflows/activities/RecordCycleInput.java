package io.meshwatch.workflows.activities;

import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.time.Instant;
import java.util.List;

/**
 * Input of {@link StoreActivities#recordCycle}: what one monitoring cycle observed.
 *
 * <p>{@code at} is the cycle's scheduled time; results are upserted on (product, check, at) so a retry
 * or a continue-as-new never duplicates them. {@code state} holds since {@code stateSince} (a late
 * state starts at its deadline, not when it was seen). {@code results} holds the freshness result and,
 * when this cycle scanned, the evaluation's results; {@code evaluated} tells which. {@code queries},
 * {@code scans}, {@code rowsScanned}, {@code durationMillis}, {@code bytesProcessed} and
 * {@code bytesBilled} describe the evaluation when there was one (see {@link EvaluateOutput}).
 */
public record RecordCycleInput(
    ProductId product,
    long specVersion,
    Instant at,
    ProductState state,
    Instant stateSince,
    FreshnessAssessment freshness,
    String dataVersion,
    boolean evaluated,
    List<CheckResult> results,
    int queries,
    int scans,
    long rowsScanned,
    long durationMillis,
    long bytesProcessed,
    long bytesBilled) {

  public RecordCycleInput {
    results = results == null ? List.of() : List.copyOf(results);
  }
}
