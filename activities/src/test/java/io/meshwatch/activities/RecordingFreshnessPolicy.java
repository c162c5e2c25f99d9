package io.meshwatch.activities;

import io.meshwatch.activities.freshness.FreshnessFacts;
import io.meshwatch.activities.freshness.FreshnessPolicy;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in policy: NOT_EVALUATED without a last update, PASS with one; records the facts it was
 * given so tests can see what the probe passed on.
 */
final class RecordingFreshnessPolicy implements FreshnessPolicy {

  final List<FreshnessFacts> seen = new ArrayList<>();

  @Override
  public FreshnessAssessment assess(FreshnessFacts facts) {
    seen.add(facts);
    if (facts.lastUpdated() == null) {
      return new FreshnessAssessment(Outcome.NOT_EVALUATED, null, null, null, null, null, "last update unknown");
    }
    return new FreshnessAssessment(Outcome.PASS, facts.lastUpdated(), null, null, null, null, null);
  }
}
