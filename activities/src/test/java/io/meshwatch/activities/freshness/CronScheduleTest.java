package io.meshwatch.activities.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void theLatestRunIncludesTheInstantItself() {
    CronSchedule daily = CronSchedule.parse("0 6 * * *", ZoneOffset.UTC);

    assertThat(daily.latestAtOrBefore(Instant.parse("2026-03-10T06:00:00Z")))
        .contains(Instant.parse("2026-03-10T06:00:00Z"));
    assertThat(daily.latestAtOrBefore(Instant.parse("2026-03-10T05:59:59.999Z")))
        .contains(Instant.parse("2026-03-09T06:00:00Z"));
  }

  @Test
  void theFirstRunAfterIsStrictlyLater() {
    CronSchedule daily = CronSchedule.parse("0 6 * * *", ZoneOffset.UTC);

    assertThat(daily.firstAfter(Instant.parse("2026-03-10T06:00:00Z")))
        .contains(Instant.parse("2026-03-11T06:00:00Z"));
    assertThat(daily.firstAfter(Instant.parse("2026-03-10T05:59:59.999Z")))
        .contains(Instant.parse("2026-03-10T06:00:00Z"));
  }

  @Test
  void everyQuarterHourSkipsNothingAcrossSpringForward() {
    CronSchedule quarterly = CronSchedule.parse("*/15 * * * *", BERLIN);

    // 00:45Z is 01:45 CET; the next quarter, 02:00 local, does not exist and happens at 01:00Z (03:00 CEST).
    assertThat(quarterly.firstAfter(Instant.parse("2026-03-29T00:45:00Z")))
        .contains(Instant.parse("2026-03-29T01:00:00Z"));
    assertThat(quarterly.firstAfter(Instant.parse("2026-03-29T01:00:00Z")))
        .contains(Instant.parse("2026-03-29T01:15:00Z"));
  }

  @Test
  void theRepeatedHourRunsOnceAtItsFirstOccurrence() {
    CronSchedule hourly = CronSchedule.parse("30 * * * *", BERLIN);

    // 00:30Z is 02:30 CEST; 01:30Z would be 02:30 CET again and is not a second run.
    assertThat(hourly.firstAfter(Instant.parse("2026-10-25T00:00:00Z")))
        .contains(Instant.parse("2026-10-25T00:30:00Z"));
    assertThat(hourly.firstAfter(Instant.parse("2026-10-25T00:30:00Z")))
        .contains(Instant.parse("2026-10-25T02:30:00Z"));
    assertThat(hourly.latestAtOrBefore(Instant.parse("2026-10-25T02:29:00Z")))
        .contains(Instant.parse("2026-10-25T00:30:00Z"));
  }

  @Test
  void rejectsExpressionsThatAreNotFiveFieldCron() {
    assertThatThrownBy(() -> CronSchedule.parse("0 6 * *", ZoneOffset.UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 parts");
    assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *", ZoneOffset.UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("25");
    assertThatThrownBy(() -> CronSchedule.parse("@daily", ZoneOffset.UTC))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAScheduleThatNeverFires() {
    assertThatThrownBy(() -> CronSchedule.parse("0 0 31 2 *", ZoneOffset.UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("never fires");
  }
}
