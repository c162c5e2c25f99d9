package io.meshwatch.alerts.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Posts in one channel are spaced; other channels are not held up; a 429 holds the channel. */
class ChannelRateLimiterTest {

  /** A clock that only moves when someone sleeps on it. */
  private static final class SteppedTime extends Clock implements Sleeper {
    Instant now = Instant.parse("2026-11-21T08:00:00Z");
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public void sleep(Duration duration) {
      sleeps.add(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final SteppedTime time = new SteppedTime();
  private final ChannelRateLimiter limiter = new ChannelRateLimiter(Duration.ofSeconds(1), time, time);

  @Test
  void postsInOneChannelWaitForTheirSecondEach() throws Exception {
    limiter.acquire("C1", Duration.ofSeconds(30));
    limiter.acquire("C1", Duration.ofSeconds(30));
    limiter.acquire("C1", Duration.ofSeconds(30));

    assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void channelsDoNotWaitForEachOther() throws Exception {
    limiter.acquire("C1", Duration.ofSeconds(30));
    limiter.acquire("C2", Duration.ofSeconds(30));

    assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ZERO);
  }

  @Test
  void aSlotFurtherAwayThanTheCallerMayWaitIsNotTaken() throws Exception {
    limiter.acquire("C1", Duration.ofSeconds(30));
    limiter.acquire("C1", Duration.ofSeconds(30));

    assertThatThrownBy(() -> limiter.acquire("C1", Duration.ofMillis(500)))
        .isInstanceOfSatisfying(ChannelRateLimiter.ChannelBusy.class,
            busy -> assertThat(busy.waitNeeded()).isEqualTo(Duration.ofSeconds(2)));
    limiter.acquire("C1", Duration.ofSeconds(30));
    assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aRetryAfterHoldsTheWholeChannel() throws Exception {
    limiter.backOff("C1", Duration.ofSeconds(7));
    limiter.acquire("C1", Duration.ofSeconds(30));

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void theNextPostWaitsAWholeIntervalFromTheAnswerOfThePreviousOne() throws Exception {
    limiter.acquire("C1", Duration.ofSeconds(30));
    time.now = time.now.plusMillis(300); // the request and its answer took 300 ms
    limiter.posted("C1");
    limiter.acquire("C1", Duration.ofSeconds(30));

    assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ofSeconds(1));
  }

  @Test
  void timePassingFreesTheChannel() throws Exception {
    limiter.acquire("C1", Duration.ofSeconds(30));
    time.now = time.now.plusSeconds(5);
    limiter.acquire("C1", Duration.ofSeconds(30));

    assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ZERO);
  }
}
