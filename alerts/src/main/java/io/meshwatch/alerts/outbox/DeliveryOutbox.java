package io.meshwatch.alerts.outbox;

/**
 * The record of every message meshwatch sends, written before the send (DESIGN §7): a unique key per
 * message, so an activity retried after a crash finds what an earlier attempt did. The worker adapts
 * the PostgreSQL outbox to this port; {@link InMemoryDeliveryOutbox} serves the console and tests.
 */
public interface DeliveryOutbox {

  /**
   * Inserts the entry for {@code key} if it is absent, counts this attempt ({@code attempts == 1} on
   * the first claim) and returns the entry as it stands. The other arguments are stored on insert
   * and ignored afterwards: the entry keeps the channel its first attempt aimed at.
   */
  OutboxEntry claim(String key, String incidentId, String intent, String channel);

  /** Records that the message for {@code key} was sent, with the sink's id of it (Slack's ts). */
  void markSent(String key, String messageId);
}
