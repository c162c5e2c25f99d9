package io.meshwatch.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Talks to the warehouse a product lives in. Implemented in the activities module. */
@ActivityInterface
public interface WarehouseActivities {

  /** Metadata probe: data version and freshness, no scan. */
  @ActivityMethod
  ProbeOutput probe(ProbeInput input);

  /** Schema from metadata, then every row-level and aggregate check fused into one scan. */
  @ActivityMethod
  EvaluateOutput evaluate(EvaluateInput input);
}
