package io.meshwatch.workflows.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.workflows.model.ProductId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollPhaseTest {

  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @Test
  void productsRegisteredTogetherSpreadEvenlyOverTheInterval() {
    int products = 10_000;
    int[] perTenSeconds = new int[30];
    for (int i = 0; i < products; i++) {
      PollPhase phase = PollPhase.of(new ProductId("domain-" + (i % 7), "product-" + i), FIVE_MINUTES);
      perTenSeconds[(int) (phase.offset().toSeconds() / 10)]++;
    }
    // A uniform spread puts 333 in each 10-second slot; no slot gets even twice that.
    assertThat(java.util.Arrays.stream(perTenSeconds).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(250, 420));
  }

  @Test
  void theSteadyStatePollsExactlyOneIntervalApartOnTheProductsPhase() {
    PollPhase phase = PollPhase.of(new ProductId("sales", "orders"), FIVE_MINUTES);
    Instant first = phase.nextPollAfter(Instant.parse("2026-07-01T05:00:00Z"));
    assertThat(Duration.between(Instant.parse("2026-07-01T05:00:00Z"), first))
        .isGreaterThanOrEqualTo(FIVE_MINUTES.dividedBy(2)).isLessThan(FIVE_MINUTES.multipliedBy(3).dividedBy(2));
    // A cycle that took a few seconds still lands on the next slot.
    Instant second = phase.nextPollAfter(first.plusSeconds(7));
    assertThat(second).isEqualTo(first.plus(FIVE_MINUTES));
    assertThat(phase.nextPollAfter(second)).isEqualTo(second.plus(FIVE_MINUTES));
    assertThat(first.toEpochMilli() % FIVE_MINUTES.toMillis()).isEqualTo(phase.offset().toMillis());
  }

  @Test
  void thePhaseIsAFunctionOfTheIdAlone() {
    ProductId id = new ProductId("sales", "orders");
    assertThat(PollPhase.of(id, FIVE_MINUTES)).isEqualTo(PollPhase.of(new ProductId("sales", "orders"), FIVE_MINUTES));
    assertThat(PollPhase.of(id, FIVE_MINUTES)).isNotEqualTo(PollPhase.of(new ProductId("sales", "returns"), FIVE_MINUTES));
  }

  @Test
  void refusesAnOffsetOutsideTheInterval() {
    assertThatThrownBy(() -> new PollPhase(FIVE_MINUTES, FIVE_MINUTES)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset");
    assertThatThrownBy(() -> new PollPhase(Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval");
  }
}
