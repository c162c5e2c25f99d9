package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.time.Instant;
import java.util.List;

/**
 * Query result: a product's live status as its monitor sees it. {@code breachOpen} and
 * {@code breachSince} say whether an incident is open and when its breach began; {@code incidentId}
 * is its workflow id (query it for its state), null when none is open.
 */
public record ProductStatus(
    ProductId product,
    long specVersion,
    ProductState state,
    Instant stateSince,
    boolean paused,
    FreshnessAssessment freshness,
    String dataVersion,
    Instant lastCycleAt,
    Instant lastEvaluatedAt,
    long evaluations,
    long cycles,
    boolean breachOpen,
    Instant breachSince,
    List<CheckResult> results,
    String incidentId) {

  public ProductStatus {
    results = results == null ? List.of() : List.copyOf(results);
  }
}
