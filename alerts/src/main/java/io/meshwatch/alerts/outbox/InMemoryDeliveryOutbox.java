package io.meshwatch.alerts.outbox;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An outbox in this process's memory: exactly-once for retries within one process (the embedded
 * mode and tests). Bounded: past {@code capacity} entries the oldest are forgotten, which only
 * matters for a retry of a message that old.
 */
public final class InMemoryDeliveryOutbox implements DeliveryOutbox {

  private static final int DEFAULT_CAPACITY = 100_000;

  private final Clock clock;
  private final Map<String, OutboxEntry> entries;

  public InMemoryDeliveryOutbox() {
    this(Clock.systemUTC(), DEFAULT_CAPACITY);
  }

  public InMemoryDeliveryOutbox(Clock clock, int capacity) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (capacity < 1) {
      throw new IllegalArgumentException("outbox capacity must be positive");
    }
    this.entries = new LinkedHashMap<>(256, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, OutboxEntry> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public synchronized OutboxEntry claim(String key, String incidentId, String intent, String channel) {
    Objects.requireNonNull(key, "key");
    OutboxEntry existing = entries.get(key);
    OutboxEntry claimed = existing == null
        ? new OutboxEntry(key, incidentId, intent, channel, false, null, 1, clock.instant())
        : new OutboxEntry(key, existing.incidentId(), existing.intent(), existing.channel(), existing.sent(),
            existing.messageId(), existing.attempts() + 1, existing.createdAt());
    entries.put(key, claimed);
    return claimed;
  }

  @Override
  public synchronized void markSent(String key, String messageId) {
    OutboxEntry existing = entries.get(key);
    if (existing == null) {
      throw new IllegalStateException("outbox entry " + key + " was never claimed");
    }
    entries.put(key, new OutboxEntry(key, existing.incidentId(), existing.intent(), existing.channel(), true,
        messageId, existing.attempts(), existing.createdAt()));
  }

  /** The entry for {@code key} as it stands, or null: for tests and diagnostics. */
  public synchronized OutboxEntry find(String key) {
    return entries.get(key);
  }
}
