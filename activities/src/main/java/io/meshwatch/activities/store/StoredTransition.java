package io.meshwatch.activities.store;

import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.Actor;
import java.time.Instant;
import java.util.Objects;

/** One stored transition of an incident: its number, when (workflow time), what, who and through what, and its detail. */
public record StoredTransition(int sequence, Instant at, TransitionKind kind, Actor by, String detail) {
  public StoredTransition {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(by, "by");
  }
}
