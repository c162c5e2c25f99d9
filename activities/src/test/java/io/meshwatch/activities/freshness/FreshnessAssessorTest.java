package io.meshwatch.activities.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.SlaSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FreshnessAssessorTest {

  private final FreshnessAssessor assessor = new FreshnessAssessor();

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  private static ProductSpec spec(String schedule, String timezone, String availableBy, Double slaHours) {
    return new ProductSpec(
        new ProductId("orders", "orders-daily"),
        "orders-platform-team",
        null,
        null,
        new OutputSpec(OutputFormat.DELTA, "s3://bucket/orders", null, null, null, null, null, null, null),
        List.of(),
        new QualitySpec(slaHours, null, List.of(), null, null, null),
        List.of(),
        new SlaSpec(schedule, timezone, availableBy, SlaSpec.DEFAULT_AVAILABILITY_TARGET, List.of()),
        null,
        null);
  }

  private FreshnessAssessment assess(ProductSpec spec, String now, String lastUpdated, String... history) {
    List<Instant> updates = java.util.Arrays.stream(history).map(Instant::parse).toList();
    return assessor.assess(
        new FreshnessFacts(spec, at(now), lastUpdated == null ? null : at(lastUpdated), updates));
  }

  @Nested
  class DailyScheduleInUtcWithTwoHourSla {

    private final ProductSpec spec = spec("0 6 * * *", "UTC", null, 2.0);

    @Test
    void waitingForTodaysRefreshBeforeTheDeadlineIsOnTime() {
      FreshnessAssessment a = assess(spec, "2026-03-10T07:00:00Z", "2026-03-09T06:30:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.lastUpdated()).isEqualTo(at("2026-03-09T06:30:00Z"));
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-10T06:00:00Z"));
      assertThat(a.deadline()).isEqualTo(at("2026-03-10T08:00:00Z"));
      assertThat(a.lateSince()).isNull();
      assertThat(a.nextCheckAt()).isEqualTo(at("2026-03-10T08:00:00Z"));
    }

    @Test
    void isStillOnTimeOneMillisecondBeforeTheDeadline() {
      FreshnessAssessment a = assess(spec, "2026-03-10T07:59:59.999Z", "2026-03-09T06:30:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.nextCheckAt()).isEqualTo(at("2026-03-10T08:00:00Z"));
    }

    @Test
    void freshnessIsLateExactlyAtTheDeadline() {
      FreshnessAssessment a = assess(spec, "2026-03-10T08:00:00Z", "2026-03-09T06:30:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(a.late()).isTrue();
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-10T06:00:00Z"));
      assertThat(a.deadline()).isEqualTo(at("2026-03-10T08:00:00Z"));
      assertThat(a.lateSince()).isEqualTo(at("2026-03-10T08:00:00Z"));
      assertThat(a.nextCheckAt()).isNull();
      assertThat(a.reason()).contains("2026-03-10T06:00:00Z", "2026-03-10T08:00:00Z");
    }

    @Test
    void recoversWhenTheRefreshLandsAfterTheDeadline() {
      FreshnessAssessment a = assess(spec, "2026-03-10T08:31:00Z", "2026-03-10T08:30:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-10T06:00:00Z"));
      assertThat(a.deadline()).isEqualTo(at("2026-03-10T08:00:00Z"));
      assertThat(a.lateSince()).isNull();
      assertThat(a.nextCheckAt()).isEqualTo(at("2026-03-11T08:00:00Z"));
    }

    @Test
    void aRefreshThatLandedWatchesTheNextRefreshesDeadline() {
      FreshnessAssessment a = assess(spec, "2026-03-10T07:00:00Z", "2026-03-10T06:40:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-10T06:00:00Z"));
      assertThat(a.nextCheckAt()).isEqualTo(at("2026-03-11T08:00:00Z"));
    }

    @Test
    void dataStampedExactlyAtTheExpectedRefreshCountsAsLanded() {
      FreshnessAssessment a = assess(spec, "2026-03-10T09:00:00Z", "2026-03-10T06:00:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void dataStampedJustBeforeTheExpectedRefreshDoesNotCount() {
      FreshnessAssessment a = assess(spec, "2026-03-10T09:00:00Z", "2026-03-10T05:59:59.999Z");

      assertThat(a.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(a.lateSince()).isEqualTo(at("2026-03-10T08:00:00Z"));
    }

    @Test
    void aMissedRefreshStaysLateWhenTheNextOneIsExpected() {
      // Yesterday's refresh never landed; today's deadline has not come yet.
      FreshnessAssessment a = assess(spec, "2026-03-10T07:00:00Z", "2026-03-08T06:30:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(a.lateSince()).isEqualTo(at("2026-03-09T08:00:00Z"));
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-09T06:00:00Z"));
      assertThat(a.deadline()).isEqualTo(at("2026-03-09T08:00:00Z"));
    }

    @Test
    void aLongLateProductReportsTheLatestRefreshPastItsDeadline() {
      FreshnessAssessment a = assess(spec, "2026-03-10T09:00:00Z", "2026-03-08T06:30:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(a.lateSince()).isEqualTo(at("2026-03-09T08:00:00Z"));
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-10T06:00:00Z"));
      assertThat(a.deadline()).isEqualTo(at("2026-03-10T08:00:00Z"));
    }

    @Test
    void todaysRefreshLandingEndsALateStreak() {
      FreshnessAssessment a = assess(spec, "2026-03-10T07:00:00Z", "2026-03-10T06:45:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.nextCheckAt()).isEqualTo(at("2026-03-11T08:00:00Z"));
    }

    @Test
    void theRefreshAtTheScheduledMinuteItselfIsExpected() {
      FreshnessAssessment a = assess(spec, "2026-03-10T06:00:00Z", "2026-03-09T06:30:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-10T06:00:00Z"));
      assertThat(a.nextCheckAt()).isEqualTo(at("2026-03-10T08:00:00Z"));
    }

    @Test
    void unknownLastUpdateIsNotEvaluatedEvenAfterTheDeadline() {
      FreshnessAssessment a = assess(spec, "2026-03-10T12:00:00Z", null);

      assertThat(a.outcome()).isEqualTo(Outcome.NOT_EVALUATED);
      assertThat(a.late()).isFalse();
      assertThat(a.lastUpdated()).isNull();
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-10T06:00:00Z"));
      assertThat(a.deadline()).isEqualTo(at("2026-03-10T08:00:00Z"));
      assertThat(a.lateSince()).isNull();
      assertThat(a.reason()).contains("last update unknown", "freshness_column");
    }

    @Test
    void theHistoryStandsInForAnUnreportedLastUpdate() {
      FreshnessAssessment a =
          assess(spec, "2026-03-10T12:00:00Z", null, "2026-03-08T06:20:00Z", "2026-03-09T06:10:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(a.lastUpdated()).isEqualTo(at("2026-03-09T06:10:00Z"));
      assertThat(a.lateSince()).isEqualTo(at("2026-03-10T08:00:00Z"));
    }
  }

  @Nested
  class AvailableBy {

    @Test
    void availableByIsTheDeadlineInsteadOfTheSlaHours() {
      ProductSpec spec = spec("0 6 * * *", "UTC", "07:00", 2.0);

      FreshnessAssessment before = assess(spec, "2026-03-10T06:59:59.999Z", "2026-03-09T06:30:00Z");
      FreshnessAssessment at = assess(spec, "2026-03-10T07:00:00Z", "2026-03-09T06:30:00Z");

      assertThat(before.outcome()).isEqualTo(Outcome.PASS);
      assertThat(before.deadline()).isEqualTo(at("2026-03-10T07:00:00Z"));
      assertThat(before.nextCheckAt()).isEqualTo(at("2026-03-10T07:00:00Z"));
      assertThat(at.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(at.lateSince()).isEqualTo(at("2026-03-10T07:00:00Z"));
    }

    @Test
    void anAvailableByEarlierInTheDayThanTheRefreshFallsOnTheNextDay() {
      ProductSpec spec = spec("0 6 * * *", "UTC", "05:00", null);

      FreshnessAssessment a = assess(spec, "2026-03-10T12:00:00Z", "2026-03-09T06:30:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-10T06:00:00Z"));
      assertThat(a.deadline()).isEqualTo(at("2026-03-11T05:00:00Z"));
    }

    @Test
    void availableByAtTheScheduledMinuteIsThatSameInstant() {
      ProductSpec spec = spec("0 6 * * *", "UTC", "06:00", null);

      FreshnessAssessment a = assess(spec, "2026-03-10T06:00:00Z", "2026-03-09T06:30:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(a.deadline()).isEqualTo(at("2026-03-10T06:00:00Z"));
    }

    @Test
    void availableByAppliesToTheInferredCadenceToo() {
      ProductSpec spec = spec(null, "UTC", "09:00", null);

      FreshnessAssessment a = assess(
          spec, "2026-03-10T08:00:00Z", "2026-03-09T06:00:00Z", "2026-03-07T06:00:00Z", "2026-03-08T06:00:00Z");

      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-10T06:00:00Z"));
      assertThat(a.deadline()).isEqualTo(at("2026-03-10T09:00:00Z"));
      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
    }
  }

  @Nested
  class SlaHours {

    @Test
    void withoutFreshnessSlaHoursTheDeadlineIsOneHourAfterTheExpectedRefresh() {
      ProductSpec spec = spec("0 6 * * *", "UTC", null, null);

      FreshnessAssessment before = assess(spec, "2026-03-10T06:59:59.999Z", "2026-03-09T06:30:00Z");
      FreshnessAssessment at = assess(spec, "2026-03-10T07:00:00Z", "2026-03-09T06:30:00Z");

      assertThat(FreshnessAssessor.DEFAULT_GRACE).isEqualTo(Duration.ofHours(1));
      assertThat(before.outcome()).isEqualTo(Outcome.PASS);
      assertThat(at.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(at.deadline()).isEqualTo(at("2026-03-10T07:00:00Z"));
    }

    @Test
    void fractionalSlaHoursAreHonoured() {
      ProductSpec spec = spec("0 6 * * *", "UTC", null, 0.25);

      FreshnessAssessment a = assess(spec, "2026-03-10T06:15:00Z", "2026-03-09T06:30:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(a.deadline()).isEqualTo(at("2026-03-10T06:15:00Z"));
    }

    @Test
    void anSlaLongerThanTheScheduleWaitsForTheFirstMissingRefresh() {
      ProductSpec spec = spec("0 * * * *", "UTC", null, 2.0);

      FreshnessAssessment waiting = assess(spec, "2026-03-10T12:30:00Z", "2026-03-10T10:05:00Z");
      FreshnessAssessment late = assess(spec, "2026-03-10T13:00:00Z", "2026-03-10T10:05:00Z");
      FreshnessAssessment later = assess(spec, "2026-03-10T14:10:00Z", "2026-03-10T10:05:00Z");

      assertThat(waiting.outcome()).isEqualTo(Outcome.PASS);
      assertThat(waiting.expectedRefresh()).isEqualTo(at("2026-03-10T11:00:00Z"));
      assertThat(waiting.nextCheckAt()).isEqualTo(at("2026-03-10T13:00:00Z"));
      assertThat(late.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(late.lateSince()).isEqualTo(at("2026-03-10T13:00:00Z"));
      assertThat(late.expectedRefresh()).isEqualTo(at("2026-03-10T11:00:00Z"));
      assertThat(later.lateSince()).isEqualTo(at("2026-03-10T13:00:00Z"));
      assertThat(later.expectedRefresh()).isEqualTo(at("2026-03-10T12:00:00Z"));
      assertThat(later.deadline()).isEqualTo(at("2026-03-10T14:00:00Z"));
    }
  }

  @Nested
  class HistoryCadence {

    private final ProductSpec spec = spec(null, "UTC", null, 2.0);

    @Test
    void expectsTheNextRefreshOneMedianIntervalAfterTheLastUpdate() {
      FreshnessAssessment a = assess(
          spec,
          "2026-03-10T07:00:00Z",
          "2026-03-09T06:00:00Z",
          "2026-03-06T06:00:00Z",
          "2026-03-07T06:30:00Z",
          "2026-03-08T06:00:00Z");

      // intervals 24h30m, 23h30m, 24h: median 24h
      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-10T06:00:00Z"));
      assertThat(a.deadline()).isEqualTo(at("2026-03-10T08:00:00Z"));
      assertThat(a.nextCheckAt()).isEqualTo(at("2026-03-10T08:00:00Z"));
    }

    @Test
    void isLateExactlyAtTheInferredDeadline() {
      String[] history = {"2026-03-07T06:00:00Z", "2026-03-08T06:00:00Z", "2026-03-09T06:00:00Z"};

      FreshnessAssessment before = assess(spec, "2026-03-10T07:59:59.999Z", null, history);
      FreshnessAssessment at = assess(spec, "2026-03-10T08:00:00Z", null, history);

      assertThat(before.outcome()).isEqualTo(Outcome.PASS);
      assertThat(at.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(at.lateSince()).isEqualTo(at("2026-03-10T08:00:00Z"));
      assertThat(at.nextCheckAt()).isNull();
      assertThat(at.lastUpdated()).isEqualTo(at("2026-03-09T06:00:00Z"));
    }

    @Test
    void recoversWhenTheNextUpdateLands() {
      FreshnessAssessment a = assess(
          spec,
          "2026-03-10T09:00:00Z",
          "2026-03-10T08:45:00Z",
          "2026-03-07T06:00:00Z",
          "2026-03-08T06:00:00Z",
          "2026-03-09T06:00:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.lastUpdated()).isEqualTo(at("2026-03-10T08:45:00Z"));
      // intervals 24h, 24h, 26h45m: median 24h, counted from the late landing
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-11T08:45:00Z"));
    }

    @Test
    void anEvenNumberOfIntervalsTakesTheMeanOfTheMiddleTwo() {
      FreshnessAssessment a = assess(
          spec,
          "2026-03-10T00:00:00Z",
          null,
          "2026-03-09T00:00:00Z",
          "2026-03-09T01:00:00Z",
          "2026-03-09T03:00:00Z",
          "2026-03-09T06:00:00Z",
          "2026-03-09T10:00:00Z");

      // intervals 1h, 2h, 3h, 4h: median 2h30m
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-09T12:30:00Z"));
    }

    @Test
    void oneOddIntervalDoesNotMoveTheCadence() {
      FreshnessAssessment a = assess(
          spec,
          "2026-03-09T12:00:00Z",
          null,
          "2026-03-09T08:00:00Z",
          "2026-03-09T09:00:00Z",
          "2026-03-09T10:00:00Z",
          "2026-03-09T10:05:00Z",
          "2026-03-09T11:05:00Z");

      // intervals 1h, 1h, 5m, 1h: median 1h
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-09T12:05:00Z"));
    }

    @Test
    void onlyTheRecentUpdatesShapeTheCadence() {
      java.util.List<String> history = new java.util.ArrayList<>();
      Instant start = at("2026-01-01T00:00:00Z");
      for (int i = 0; i < 30; i++) {
        history.add(start.plus(Duration.ofDays(i)).toString());
      }
      Instant lastDaily = start.plus(Duration.ofDays(29));
      for (int i = 1; i <= 20; i++) {
        history.add(lastDaily.plus(Duration.ofHours(i)).toString());
      }

      FreshnessAssessment a = assess(spec, "2026-01-31T00:00:00Z", null, history.toArray(String[]::new));

      assertThat(a.expectedRefresh()).isEqualTo(lastDaily.plus(Duration.ofHours(21)));
    }

    @Test
    void twoUpdatesAreNotEnoughHistory() {
      FreshnessAssessment a =
          assess(spec, "2026-03-20T00:00:00Z", "2026-03-09T06:00:00Z", "2026-03-08T06:00:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.NOT_EVALUATED);
      assertThat(a.late()).isFalse();
      assertThat(a.lastUpdated()).isEqualTo(at("2026-03-09T06:00:00Z"));
      assertThat(a.expectedRefresh()).isNull();
      assertThat(a.reason()).contains("no spec.sla.schedule", "2 known updates", "at least 3");
    }

    @Test
    void repeatedInstantsCountOnce() {
      FreshnessAssessment a = assess(
          spec, "2026-03-20T00:00:00Z", "2026-03-09T06:00:00Z", "2026-03-09T06:00:00Z", "2026-03-08T06:00:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.NOT_EVALUATED);
    }

    @Test
    void nothingKnownIsNotEvaluated() {
      FreshnessAssessment a = assess(spec, "2026-03-20T00:00:00Z", null);

      assertThat(a.outcome()).isEqualTo(Outcome.NOT_EVALUATED);
      assertThat(a.reason()).contains("0 known updates");
    }

    @Test
    void theReportedLastUpdateCountsAsAnUpdate() {
      FreshnessAssessment a =
          assess(spec, "2026-03-10T07:00:00Z", "2026-03-09T06:00:00Z", "2026-03-07T06:00:00Z", "2026-03-08T06:00:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-10T06:00:00Z"));
    }
  }

  @Nested
  class TimeZones {

    @Test
    void aBerlinMorningRefreshMovesByAnHourInUtcAcrossSpringForward() {
      ProductSpec spec = spec("0 6 * * *", "Europe/Berlin", null, 2.0);

      // 2026-03-29 02:00 CET jumps to 03:00 CEST.
      FreshnessAssessment before = assess(spec, "2026-03-28T06:59:59Z", "2026-03-27T05:30:00Z");
      FreshnessAssessment lateBefore = assess(spec, "2026-03-28T07:00:00Z", "2026-03-27T05:30:00Z");
      FreshnessAssessment after = assess(spec, "2026-03-29T05:59:59Z", "2026-03-28T05:30:00Z");
      FreshnessAssessment lateAfter = assess(spec, "2026-03-29T06:00:00Z", "2026-03-28T05:30:00Z");

      assertThat(before.expectedRefresh()).isEqualTo(at("2026-03-28T05:00:00Z"));
      assertThat(before.outcome()).isEqualTo(Outcome.PASS);
      assertThat(lateBefore.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(after.expectedRefresh()).isEqualTo(at("2026-03-29T04:00:00Z"));
      assertThat(after.deadline()).isEqualTo(at("2026-03-29T06:00:00Z"));
      assertThat(after.outcome()).isEqualTo(Outcome.PASS);
      assertThat(lateAfter.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(lateAfter.lateSince()).isEqualTo(at("2026-03-29T06:00:00Z"));
    }

    @Test
    void theNextDeadlineAcrossFallBackIsAtTheLocalTime() {
      ProductSpec spec = spec("0 6 * * *", "Europe/Berlin", null, 2.0);

      // 2026-10-25 03:00 CEST falls back to 02:00 CET.
      FreshnessAssessment a = assess(spec, "2026-10-24T06:30:00Z", "2026-10-24T04:30:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-10-24T04:00:00Z"));
      assertThat(a.nextCheckAt()).isEqualTo(at("2026-10-25T07:00:00Z"));
    }

    @Test
    void aRefreshScheduledInTheSkippedHourIsExpectedWhenTheClockJumps() {
      ProductSpec spec = spec("30 2 * * *", "Europe/Berlin", null, 1.0);

      FreshnessAssessment a = assess(spec, "2026-03-29T01:30:00Z", "2026-03-28T01:45:00Z");
      FreshnessAssessment late = assess(spec, "2026-03-29T02:00:00Z", "2026-03-28T01:45:00Z");

      // 02:30 does not exist that day; the refresh is due when 02:00 CET becomes 03:00 CEST (01:00Z).
      assertThat(a.expectedRefresh()).isEqualTo(at("2026-03-29T01:00:00Z"));
      assertThat(a.deadline()).isEqualTo(at("2026-03-29T02:00:00Z"));
      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(late.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void aRefreshScheduledInTheRepeatedHourIsExpectedAtItsFirstOccurrence() {
      ProductSpec spec = spec("30 2 * * *", "Europe/Berlin", null, 1.0);

      // 01:10Z is 02:10 CET, the second pass through 02:xx; 02:30 CEST (00:30Z) has already happened.
      FreshnessAssessment a = assess(spec, "2026-10-25T01:10:00Z", "2026-10-24T00:45:00Z");

      assertThat(a.expectedRefresh()).isEqualTo(at("2026-10-25T00:30:00Z"));
      assertThat(a.deadline()).isEqualTo(at("2026-10-25T01:30:00Z"));
      assertThat(a.outcome()).isEqualTo(Outcome.PASS);
      assertThat(a.nextCheckAt()).isEqualTo(at("2026-10-25T01:30:00Z"));
    }

    @Test
    void availableByIsReadInTheSlaTimezoneAcrossDaylightSaving() {
      ProductSpec spec = spec("0 6 * * *", "Europe/Berlin", "07:00", null);

      FreshnessAssessment winter = assess(spec, "2026-03-28T05:59:59Z", "2026-03-27T05:30:00Z");
      FreshnessAssessment summer = assess(spec, "2026-03-29T05:00:00Z", "2026-03-28T05:30:00Z");

      assertThat(winter.deadline()).isEqualTo(at("2026-03-28T06:00:00Z"));
      assertThat(winter.outcome()).isEqualTo(Outcome.PASS);
      assertThat(summer.deadline()).isEqualTo(at("2026-03-29T05:00:00Z"));
      assertThat(summer.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void aNewYorkScheduleIsReadInNewYorkTime() {
      ProductSpec spec = spec("0 6 * * 1-5", "America/New_York", null, 2.0);

      // Friday 2026-03-06 06:00 EST = 11:00Z; the weekend has no refresh, so Saturday is still on time.
      FreshnessAssessment saturday = assess(spec, "2026-03-07T18:00:00Z", "2026-03-06T11:20:00Z");
      // Monday 2026-03-09 06:00 EDT = 10:00Z (daylight saving began on Sunday).
      FreshnessAssessment monday = assess(spec, "2026-03-09T12:00:00Z", "2026-03-06T11:20:00Z");

      assertThat(saturday.outcome()).isEqualTo(Outcome.PASS);
      assertThat(saturday.expectedRefresh()).isEqualTo(at("2026-03-06T11:00:00Z"));
      assertThat(saturday.nextCheckAt()).isEqualTo(at("2026-03-09T12:00:00Z"));
      assertThat(monday.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(monday.lateSince()).isEqualTo(at("2026-03-09T12:00:00Z"));
    }
  }

  @Nested
  class UnusableSpecs {

    @Test
    void anInvalidScheduleIsAnErrorNotALateProduct() {
      FreshnessAssessment a = assess(spec("0 25 * * *", "UTC", null, 2.0), "2026-03-10T12:00:00Z", "2026-03-01T00:00:00Z");

      assertThat(a.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(a.reason()).contains("sla.schedule");
    }

    @Test
    void anInvalidTimezoneIsAnError() {
      FreshnessAssessment a = assess(spec("0 6 * * *", "Mars/Olympus", null, 2.0), "2026-03-10T12:00:00Z", null);

      assertThat(a.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(a.reason()).contains("sla.timezone");
    }

    @Test
    void anInvalidAvailableByIsAnError() {
      FreshnessAssessment a = assess(spec("0 6 * * *", "UTC", "7am", 2.0), "2026-03-10T12:00:00Z", null);

      assertThat(a.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(a.reason()).contains("sla.available_by");
    }
  }
}
