package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.FreshnessAssessment;
import java.time.Duration;
import java.time.Instant;

/** Turns a freshness assessment into the freshness check's result: observed = data age in hours. */
final class FreshnessResults {

  private FreshnessResults() {}

  static CheckResult of(FreshnessAssessment freshness, Double slaHours, Instant now) {
    Double ageHours = freshness.lastUpdated() == null || now == null
        ? null
        : Duration.between(freshness.lastUpdated(), now).toMillis() / 3_600_000.0;
    String message = freshness.reason();
    if (message == null && freshness.late() && freshness.deadline() != null) {
      message = "late since " + freshness.lateSince() + " (deadline " + freshness.deadline() + ")";
    }
    return new CheckResult("freshness", CheckKind.FRESHNESS, freshness.outcome(), ageHours, slaHours, null, null, message);
  }
}
