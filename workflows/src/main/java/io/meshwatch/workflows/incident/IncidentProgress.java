package io.meshwatch.workflows.incident;

import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.model.ProductState;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What an incident carries across continue-as-new: its state and who moved it there, the audiences
 * already reached, the main message to edit and thread into, the last reminder, the latest failing
 * checks and the count of transitions recorded (it numbers the next one).
 */
public record IncidentProgress(
    IncidentState state,
    ProductState productState,
    List<FailingCheck> failing,
    Instant acknowledgedAt,
    Actor acknowledgedBy,
    Instant snoozedUntil,
    Set<Audience> reached,
    MessageRef message,
    Instant lastReminderAt,
    boolean inhibited,
    int transitions) {

  public IncidentProgress {
    failing = failing == null ? List.of() : List.copyOf(failing);
    reached = reached == null ? Set.of() : Set.copyOf(reached);
  }
}
