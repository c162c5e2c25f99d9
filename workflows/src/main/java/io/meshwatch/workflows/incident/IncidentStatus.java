package io.meshwatch.workflows.incident;

import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Query result of {@link IncidentWorkflow#status}: the incident as it stands. */
public record IncidentStatus(
    String incidentId,
    ProductId product,
    IncidentState state,
    ProductState productState,
    Instant openedAt,
    List<FailingCheck> failing,
    Instant acknowledgedAt,
    Actor acknowledgedBy,
    Instant snoozedUntil,
    Instant resolvedAt,
    Resolution resolution,
    Actor resolvedBy,
    String note,
    Set<Audience> reached,
    MessageRef message,
    boolean inhibited) {

  public IncidentStatus {
    failing = failing == null ? List.of() : List.copyOf(failing);
    reached = reached == null ? Set.of() : Set.copyOf(reached);
  }
}
