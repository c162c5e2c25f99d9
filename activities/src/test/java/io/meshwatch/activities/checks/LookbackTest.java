package io.meshwatch.activities.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LookbackTest {

  @Test
  void readsShortAndIsoDurations() {
    assertThat(Lookback.parse("3d")).contains(Duration.ofDays(3));
    assertThat(Lookback.parse("12h")).contains(Duration.ofHours(12));
    assertThat(Lookback.parse("90m")).contains(Duration.ofMinutes(90));
    assertThat(Lookback.parse("2w")).contains(Duration.ofDays(14));
    assertThat(Lookback.parse(" 3 D ")).contains(Duration.ofDays(3));
    assertThat(Lookback.parse("P3D")).contains(Duration.ofDays(3));
    assertThat(Lookback.parse("pt12h")).contains(Duration.ofHours(12));
  }

  @Test
  void refusesWhatIsNotAPositiveDuration() {
    assertThat(Lookback.parse("0d")).isEmpty();
    assertThat(Lookback.parse("three days")).isEmpty();
    assertThat(Lookback.parse("3y")).isEmpty();
    assertThat(Lookback.parse("-P1D")).isEmpty();
    assertThat(Lookback.parse(null)).isEmpty();
  }
}
