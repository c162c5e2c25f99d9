package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.jooq.Tables.NOTIFICATION_OUTBOX;
import static org.jooq.impl.DSL.excluded;

import io.meshwatch.activities.store.jooq.tables.records.NotificationOutboxRecord;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The delivery outbox (DESIGN §7): before each call that sends a message, the delivery side claims
 * the message's unique key here; after the call it marks the key sent with the message's id. A
 * retried delivery finds its row already there: sent (nothing to do but reuse the id) or claimed
 * before (an earlier attempt may have sent it), so a message never goes out twice unknowingly.
 */
public final class OutboxStore {

  private static final int MAX_KEY_LENGTH = 512;

  private final DSLContext dsl;
  private final Clock clock;

  public OutboxStore(DSLContext dsl, Clock clock) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public OutboxStore(DSLContext dsl) {
    this(dsl, Clock.systemUTC());
  }

  /**
   * Claims {@code key}: inserts it unsent with one attempt, or counts one more attempt on the row
   * already there, and returns the row as it now stands. One statement, so of concurrent claims of
   * one key exactly one sees {@code attempts == 1}. The stored incident, intent and channel stand:
   * a later claim cannot move a message to another channel.
   *
   * @param channel where the message goes (a Slack channel id or name); null for sinks without one
   * @throws IllegalArgumentException when a value is missing, or {@code key} is already claimed for
   *     another incident or intent (nothing is changed then)
   */
  public OutboxRow claim(String key, String incidentId, String intent, String channel) {
    require("key", key);
    require("incidentId", incidentId);
    require("intent", intent);
    if (key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("outbox key must be at most " + MAX_KEY_LENGTH + " characters, got " + key.length());
    }
    var o = NOTIFICATION_OUTBOX;
    Optional<OutboxRow> claimed =
        dsl.insertInto(o)
            .set(o.KEY, key)
            .set(o.INCIDENT_ID, incidentId)
            .set(o.INTENT, intent)
            .set(o.CHANNEL, channel)
            .set(o.SENT, false)
            .set(o.ATTEMPTS, 1)
            .set(o.CREATED_AT, Instants.micros(clock.instant()))
            .onConflict(o.KEY)
            .doUpdate()
            .set(o.ATTEMPTS, o.ATTEMPTS.plus(1))
            // A key reused for another message is a caller's bug: refuse it rather than count it.
            .where(o.INCIDENT_ID.eq(excluded(o.INCIDENT_ID)), o.INTENT.eq(excluded(o.INTENT)))
            .returning()
            .fetchOptional(OutboxStore::toRow);
    return claimed.orElseThrow(() -> {
      OutboxRow other = find(key).orElseThrow();
      return new IllegalArgumentException("outbox key " + key + " is already claimed for incident " + other.incidentId()
          + ", intent " + other.intent() + "; not for incident " + incidentId + ", intent " + intent);
    });
  }

  /**
   * Marks a claimed message sent, with the sink's id of it (Slack's {@code ts}; null for sinks
   * without ids). Marking a sent message again keeps the first id and time: the first confirmation
   * is what was delivered.
   *
   * @throws IllegalArgumentException when {@code key} was never claimed
   */
  public void markSent(String key, String messageId) {
    require("key", key);
    var o = NOTIFICATION_OUTBOX;
    int updated =
        dsl.update(o)
            .set(o.SENT, true)
            .set(o.MESSAGE_ID, messageId)
            .set(o.SENT_AT, Instants.micros(clock.instant()))
            .where(o.KEY.eq(key), o.SENT.isFalse())
            .execute();
    if (updated == 0 && !dsl.fetchExists(o, o.KEY.eq(key))) {
      throw new IllegalArgumentException("no outbox entry with key " + key + ": claim it before sending");
    }
  }

  public Optional<OutboxRow> find(String key) {
    return dsl.selectFrom(NOTIFICATION_OUTBOX).where(NOTIFICATION_OUTBOX.KEY.eq(key)).fetchOptional(OutboxStore::toRow);
  }

  /** An incident's messages, oldest claim first. */
  public List<OutboxRow> findByIncident(String incidentId) {
    return dsl.selectFrom(NOTIFICATION_OUTBOX)
        .where(NOTIFICATION_OUTBOX.INCIDENT_ID.eq(incidentId))
        .orderBy(NOTIFICATION_OUTBOX.CREATED_AT, NOTIFICATION_OUTBOX.KEY)
        .fetch(OutboxStore::toRow);
  }

  private static void require(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("outbox " + name + " must not be blank");
    }
  }

  private static OutboxRow toRow(NotificationOutboxRecord r) {
    return new OutboxRow(
        r.getKey(), r.getIncidentId(), r.getIntent(), r.getChannel(), r.getSent(), r.getMessageId(), r.getAttempts(), r.getCreatedAt());
  }
}
