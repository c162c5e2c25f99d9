package io.meshwatch.worker.runtime;

import io.meshwatch.activities.store.OutboxRow;
import io.meshwatch.activities.store.OutboxStore;
import io.meshwatch.alerts.outbox.DeliveryOutbox;
import io.meshwatch.alerts.outbox.OutboxEntry;
import java.util.Objects;

/** The alerts module's outbox port over the PostgreSQL outbox, so exactly-once delivery survives restarts. */
final class StoreOutbox implements DeliveryOutbox {

  private final OutboxStore store;

  StoreOutbox(OutboxStore store) {
    this.store = Objects.requireNonNull(store);
  }

  @Override
  public OutboxEntry claim(String key, String incidentId, String intent, String channel) {
    OutboxRow row = store.claim(key, incidentId, intent, channel);
    return new OutboxEntry(row.key(), row.incidentId(), row.intent(), row.channel(), row.sent(), row.messageId(),
        row.attempts(), row.createdAt());
  }

  @Override
  public void markSent(String key, String messageId) {
    store.markSent(key, messageId);
  }
}
