package io.meshwatch.workflows.activities;

import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.incident.IncidentProduct;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.ProductState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An incident as a message or a stored row shows it, at {@code at} (the workflow's time). Aggregates
 * only: the failing checks carry counts and ratios, never values from the data.
 */
public record IncidentSnapshot(
    String incidentId,
    IncidentProduct product,
    IncidentState state,
    ProductState productState,
    Instant openedAt,
    Instant at,
    List<FailingCheck> failing,
    Instant acknowledgedAt,
    Actor acknowledgedBy,
    Instant snoozedUntil,
    Instant resolvedAt,
    Resolution resolution,
    Actor resolvedBy,
    String note) {

  public IncidentSnapshot {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(at, "at");
    failing = failing == null ? List.of() : List.copyOf(failing);
  }

  /** Since when the product has been breaching (see {@link FailingCheck#breachSince}). */
  public Instant breachSince() {
    return FailingCheck.breachSince(failing, openedAt);
  }
}
