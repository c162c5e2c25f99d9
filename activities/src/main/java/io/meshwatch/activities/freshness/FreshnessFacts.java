package io.meshwatch.activities.freshness;

import io.meshwatch.workflows.model.ProductSpec;
import java.time.Instant;
import java.util.List;

/**
 * What freshness is judged from: the spec (SLA schedule, timezone, available_by, freshness_sla_hours),
 * the workflow's "now", the last update the warehouse reports (null when unknown), and the product's
 * update history (distinct update instants, oldest first; from the warehouse's metadata where it keeps
 * one, else what the monitor has observed).
 */
public record FreshnessFacts(ProductSpec spec, Instant now, Instant lastUpdated, List<Instant> updateHistory) {

  public FreshnessFacts {
    updateHistory = updateHistory == null ? List.of() : List.copyOf(updateHistory);
  }
}
