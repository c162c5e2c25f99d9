package io.meshwatch.workflows.activities;

import io.meshwatch.workflows.incident.Actor;
import java.time.Instant;
import java.util.Objects;

/**
 * One transition of an incident: its number within the incident (from 1; with the incident id it
 * keys the stored row, so a retried record never duplicates it), when, what, who and through what,
 * and a detail in words (a reason, a snooze's end, the checks that changed; never data values).
 */
public record IncidentTransition(int sequence, Instant at, TransitionKind kind, Actor by, String detail) {
  public IncidentTransition {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(by, "by");
    if (sequence < 1) {
      throw new IllegalArgumentException("transitions are numbered from 1");
    }
  }
}
