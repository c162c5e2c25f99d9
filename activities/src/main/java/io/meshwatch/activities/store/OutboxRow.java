package io.meshwatch.activities.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One intended message in the delivery outbox: its unique key (incident, intent, sequence), where
 * it goes, whether it was sent and under which message id, how many times it was claimed (1 on the
 * first claim; more means an earlier attempt may have sent it) and when it was first claimed.
 */
public record OutboxRow(
    String key, String incidentId, String intent, String channel, boolean sent, String messageId, int attempts, Instant createdAt) {

  public OutboxRow {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** True for the claim that created the row: no earlier attempt can have sent this message. */
  public boolean firstAttempt() {
    return attempts == 1;
  }
}
