package io.meshwatch.workflows.activities;

import io.meshwatch.workflows.model.FreshnessAssessment;

/**
 * Output of {@link WarehouseActivities#probe}: metadata only, no scan. {@code dataVersion} is an
 * opaque token that changes whenever the data changes (null when it could not be read);
 * {@code freshness} is assessed at the input's {@code now}. A warehouse that cannot be reached gives
 * {@code freshness.outcome() == ERROR} with the reason, not an activity failure, and names the
 * warehouse connection in {@code unreachableConnection} when the connection itself failed (not
 * reachable, or credentials refused): every product on it fails alike, so one source-unavailable
 * incident speaks for them. Null otherwise.
 */
public record ProbeOutput(String dataVersion, FreshnessAssessment freshness, String unreachableConnection) {

  public ProbeOutput(String dataVersion, FreshnessAssessment freshness) {
    this(dataVersion, freshness, null);
  }
}
