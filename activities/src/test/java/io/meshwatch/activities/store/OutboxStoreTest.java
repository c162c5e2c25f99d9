package io.meshwatch.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutboxStoreTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  static final String INCIDENT = "incident/orders/orders-daily/1772432100000";
  static final String KEY = INCIDENT + "/OPENED/1";
  static final Instant NOW = Instant.parse("2026-03-02T06:15:00Z");

  private OutboxStore outbox;

  @BeforeEach
  void setUp() {
    outbox = new OutboxStore(STORE.dsl(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void theFirstClaimInsertsAnUnsentRowWithOneAttempt() {
    OutboxRow row = outbox.claim(KEY, INCIDENT, "OPENED", "C0123456789");

    assertThat(row).isEqualTo(new OutboxRow(KEY, INCIDENT, "OPENED", "C0123456789", false, null, 1, NOW));
    assertThat(row.firstAttempt()).isTrue();
  }

  @Test
  void aRetriedClaimCountsAnotherAttemptAndKeepsTheFirstChannelAndTime() {
    outbox.claim(KEY, INCIDENT, "OPENED", "C0123456789");
    OutboxStore later = new OutboxStore(STORE.dsl(), Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC));

    OutboxRow retry = later.claim(KEY, INCIDENT, "OPENED", "C9999999999");

    assertThat(retry.attempts()).isEqualTo(2);
    assertThat(retry.firstAttempt()).isFalse();
    assertThat(retry.channel()).isEqualTo("C0123456789");
    assertThat(retry.createdAt()).isEqualTo(NOW);
    assertThat(later.claim(KEY, INCIDENT, "OPENED", null).attempts()).isEqualTo(3);
  }

  @Test
  void aSentMessageIsSeenAsSentByEveryLaterClaim() {
    outbox.claim(KEY, INCIDENT, "OPENED", "C0123456789");
    outbox.markSent(KEY, "1772432100.000100");

    OutboxRow again = outbox.claim(KEY, INCIDENT, "OPENED", "C0123456789");

    assertThat(again.sent()).isTrue();
    assertThat(again.messageId()).isEqualTo("1772432100.000100");
  }

  @Test
  void markingSentTwiceKeepsTheFirstMessageId() {
    outbox.claim(KEY, INCIDENT, "OPENED", "C0123456789");
    outbox.markSent(KEY, "1772432100.000100");
    outbox.markSent(KEY, "1772432160.000200");

    assertThat(outbox.find(KEY)).map(OutboxRow::messageId).contains("1772432100.000100");
  }

  @Test
  void sinksWithoutMessageIdsMarkSentWithNone() {
    outbox.claim(KEY, INCIDENT, "OPENED", null);
    outbox.markSent(KEY, null);

    assertThat(outbox.find(KEY)).hasValueSatisfying(row -> {
      assertThat(row.sent()).isTrue();
      assertThat(row.messageId()).isNull();
      assertThat(row.channel()).isNull();
    });
  }

  @Test
  void markingAKeyThatWasNeverClaimedIsRefused() {
    assertThatThrownBy(() -> outbox.markSent(KEY, "1772432100.000100"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(KEY)
        .hasMessageContaining("claim it before sending");
    assertThat(outbox.find(KEY)).isEmpty();
  }

  @Test
  void aKeyClaimedForAnotherMessageIsRefusedAndLeftUnchanged() {
    outbox.claim(KEY, INCIDENT, "OPENED", "C0123456789");

    assertThatThrownBy(() -> outbox.claim(KEY, INCIDENT, "REMINDER", "C0123456789"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("intent OPENED")
        .hasMessageContaining("intent REMINDER");
    assertThatThrownBy(() -> outbox.claim(KEY, "incident/payments/payments-settled/1", "OPENED", "C0123456789"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incident/payments/payments-settled/1");
    assertThat(outbox.find(KEY)).map(OutboxRow::attempts).contains(1);
  }

  @Test
  void blankValuesAreRefused() {
    assertThatThrownBy(() -> outbox.claim(" ", INCIDENT, "OPENED", null)).hasMessage("outbox key must not be blank");
    assertThatThrownBy(() -> outbox.claim(KEY, null, "OPENED", null)).hasMessage("outbox incidentId must not be blank");
    assertThatThrownBy(() -> outbox.claim(KEY, INCIDENT, "", null)).hasMessage("outbox intent must not be blank");
    assertThat(outbox.find(KEY)).isEmpty();
  }

  @Test
  void ofTwoConcurrentClaimsOfOneKeyExactlyOneIsTheFirst() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String key = INCIDENT + "/REMINDER/" + round;
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<OutboxRow>> claims = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          claims.add(pool.submit(() -> {
            start.await();
            return outbox.claim(key, INCIDENT, "REMINDER", "C0123456789");
          }));
        }
        assertThat(List.of(claims.get(0).get().attempts(), claims.get(1).get().attempts()))
            .as("round " + round)
            .containsExactlyInAnyOrder(1, 2);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(outbox.findByIncident(INCIDENT)).hasSize(20).allSatisfy(row -> assertThat(row.attempts()).isEqualTo(2));
  }
}
