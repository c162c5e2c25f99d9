package io.meshwatch.alerts.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One outbox row: the message's key, incident and intent, the channel it goes to, whether it was
 * sent and the sink's id of it, how many attempts claimed it, and when the first did.
 */
public record OutboxEntry(
    String key, String incidentId, String intent, String channel, boolean sent, String messageId, int attempts,
    Instant createdAt) {

  public OutboxEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(createdAt, "createdAt");
    if (attempts < 1) {
      throw new IllegalArgumentException("a claimed entry has at least one attempt, got " + attempts);
    }
  }

  /** True when an earlier attempt claimed this key and did not finish: it may have sent before it stopped. */
  public boolean retried() {
    return !sent && attempts > 1;
  }
}
