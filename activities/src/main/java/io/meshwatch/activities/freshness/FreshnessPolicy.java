package io.meshwatch.activities.freshness;

import io.meshwatch.workflows.model.FreshnessAssessment;

/** Judges freshness (DESIGN §5). Pure: the same facts always give the same assessment. */
public interface FreshnessPolicy {

  FreshnessAssessment assess(FreshnessFacts facts);
}
