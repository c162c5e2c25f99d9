package io.meshwatch.workflows.activities;

import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.time.Instant;
import java.util.List;

/**
 * Input of {@link AlertActivities#notify}: one alert. {@code key} is unique per intent (product,
 * kind, episode start) so a retried delivery can be recognised. {@code failing} lists every failing
 * check with aggregates only; {@code since} is when the breach began.
 */
public record NotifyInput(
    String key,
    AlertKind kind,
    ProductId product,
    String owner,
    String steward,
    List<ConsumerSpec> consumers,
    ProductState state,
    Instant at,
    Instant since,
    FreshnessAssessment freshness,
    List<CheckResult> failing) {

  public NotifyInput {
    consumers = consumers == null ? List.of() : List.copyOf(consumers);
    failing = failing == null ? List.of() : List.copyOf(failing);
  }
}
