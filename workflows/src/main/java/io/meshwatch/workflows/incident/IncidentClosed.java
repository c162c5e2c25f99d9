package io.meshwatch.workflows.incident;

import java.util.List;

/**
 * Signal from an incident to its product's monitor: it was resolved by hand while these checks still
 * failed. The monitor opens no new incident for them until the product recovers or another check
 * starts failing.
 */
public record IncidentClosed(String incidentId, Resolution resolution, List<String> failingCheckIds) {
  public IncidentClosed {
    failingCheckIds = failingCheckIds == null ? List.of() : List.copyOf(failingCheckIds);
  }
}
