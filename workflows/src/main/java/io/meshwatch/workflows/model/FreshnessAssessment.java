package io.meshwatch.workflows.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Freshness at one instant. {@code outcome}: PASS on time, FAIL late, ERROR could not probe,
 * NOT_EVALUATED with neither schedule nor history (with the reason in {@code reason}).
 *
 * <p>{@code expectedRefresh} is the latest refresh that should have landed; {@code deadline} is when
 * it becomes late ({@code expected + freshness_sla_hours}, or {@code available_by}); {@code lateSince}
 * is set while late. {@code nextCheckAt} is the instant the monitor must look again for freshness
 * alone — the pending deadline, or the next refresh's deadline — so a timer fires at the deadline
 * itself, not at the next poll. Null fields are unknown.
 */
public record FreshnessAssessment(
    Outcome outcome,
    Instant lastUpdated,
    Instant expectedRefresh,
    Instant deadline,
    Instant lateSince,
    Instant nextCheckAt,
    String reason) {

  public FreshnessAssessment {
    Objects.requireNonNull(outcome, "outcome");
  }

  public boolean late() {
    return outcome == Outcome.FAIL;
  }

  public static FreshnessAssessment error(String reason) {
    return new FreshnessAssessment(Outcome.ERROR, null, null, null, null, null, reason);
  }
}
