package io.meshwatch.workflows.activities;

import io.meshwatch.workflows.model.ProductSpec;
import java.time.Instant;
import java.util.List;

/**
 * Input of {@link WarehouseActivities#probe}. {@code now} is the workflow's time, captured once per
 * cycle. {@code observedUpdates} are the distinct last-updated instants the monitor has seen (newest
 * last, bounded), the update history for engines whose metadata keeps none.
 */
public record ProbeInput(ProductSpec spec, Instant now, List<Instant> observedUpdates) {

  public ProbeInput {
    observedUpdates = observedUpdates == null ? List.of() : List.copyOf(observedUpdates);
  }
}
