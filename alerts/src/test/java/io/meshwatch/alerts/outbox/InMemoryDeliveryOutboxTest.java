package io.meshwatch.alerts.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The outbox contract the PostgreSQL outbox shares: claim inserts once and counts attempts. */
class InMemoryDeliveryOutboxTest {

  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private final InMemoryDeliveryOutbox outbox = new InMemoryDeliveryOutbox(Clock.fixed(T0, ZoneOffset.UTC), 10);

  @Test
  void aFirstClaimInsertsWithOneAttempt() {
    OutboxEntry entry = outbox.claim("k", "incident/a/b/1", "OPENED", "C1");

    assertThat(entry).isEqualTo(new OutboxEntry("k", "incident/a/b/1", "OPENED", "C1", false, null, 1, T0));
    assertThat(entry.retried()).isFalse();
  }

  @Test
  void laterClaimsCountAttemptsAndKeepTheFirstChannel() {
    outbox.claim("k", "i", "OPENED", "C1");
    OutboxEntry again = outbox.claim("k", "i", "OPENED", "C2");

    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.channel()).isEqualTo("C1");
    assertThat(again.retried()).isTrue();
  }

  @Test
  void aSentEntryStaysSentWithItsMessageId() {
    outbox.claim("k", "i", "OPENED", "C1");
    outbox.markSent("k", "C1/1.2");

    OutboxEntry entry = outbox.claim("k", "i", "OPENED", "C1");

    assertThat(entry.sent()).isTrue();
    assertThat(entry.messageId()).isEqualTo("C1/1.2");
    assertThat(entry.retried()).isFalse();
  }

  @Test
  void markingAnUnclaimedKeyIsABug() {
    assertThatThrownBy(() -> outbox.markSent("never", "x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void pastItsCapacityTheOldestEntriesAreForgotten() {
    for (int n = 0; n < 11; n++) {
      outbox.claim("k" + n, "i", "OPENED", "C1");
    }

    assertThat(outbox.find("k0")).isNull();
    assertThat(outbox.find("k10")).isNotNull();
  }
}
