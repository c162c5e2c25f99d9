package io.meshwatch.activities.store;

import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An incident as stored: as of its transition {@code lastSequence}, which happened at
 * {@code updatedAt} (workflow time). {@code message} is its main message once one was sent; absent
 * actors and times are null. Aggregates only, like everything the store keeps.
 */
public record StoredIncident(
    String id,
    ProductId product,
    String owner,
    IncidentState state,
    ProductState productState,
    Instant openedAt,
    Instant acknowledgedAt,
    Actor acknowledgedBy,
    Instant snoozedUntil,
    Instant resolvedAt,
    Resolution resolution,
    Actor resolvedBy,
    String note,
    List<FailingCheck> failing,
    MessageRef message,
    int lastSequence,
    Instant updatedAt) {

  public StoredIncident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(openedAt, "openedAt");
    failing = failing == null ? List.of() : List.copyOf(failing);
  }

  /** True until the incident is resolved: open, acknowledged or snoozed. */
  public boolean open() {
    return state != IncidentState.RESOLVED;
  }
}
