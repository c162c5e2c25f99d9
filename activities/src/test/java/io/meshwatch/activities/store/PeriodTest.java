package io.meshwatch.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

  @ParameterizedTest
  @CsvSource({
    "2026-03-01, 2026-03-01T00:00:00Z, 2026-03-02T00:00:00Z",
    "2026-W09,   2026-02-23T00:00:00Z, 2026-03-02T00:00:00Z",
    "2026-W53,   2026-12-28T00:00:00Z, 2027-01-04T00:00:00Z",
    "2026-02,    2026-02-01T00:00:00Z, 2026-03-01T00:00:00Z",
    "2026-Q3,    2026-07-01T00:00:00Z, 2026-10-01T00:00:00Z",
    "2026-Q4,    2026-10-01T00:00:00Z, 2027-01-01T00:00:00Z",
    "2026-03-01T06:00:00Z/2026-03-01T07:30:00Z, 2026-03-01T06:00:00Z, 2026-03-01T07:30:00Z"
  })
  void calendarAndCustomPeriodsAreHalfOpenUtcSpans(String text, Instant from, Instant to) {
    Period period = Period.parse(text);

    assertThat(period.from()).isEqualTo(from);
    assertThat(period.to()).isEqualTo(to);
    assertThat(period.label()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-Q5", "2026-Q0", "2026-13", "2026-02-30", "2025-W53", "2026-W00", "last quarter", "2026-03-01/tomorrow", ""})
  void aBadPeriodIsRefusedNamingTheText(String text) {
    assertThatThrownBy(() -> Period.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @Test
  void aPeriodMustStartBeforeItEnds() {
    Instant t = Instant.parse("2026-03-01T00:00:00Z");

    assertThatThrownBy(() -> Period.between(t, t)).hasMessageContaining("must start before it ends");
    assertThatThrownBy(() -> Period.parse("2026-03-02T00:00:00Z/2026-03-01T00:00:00Z"))
        .hasMessageContaining("'2026-03-02T00:00:00Z/2026-03-01T00:00:00Z'")
        .hasMessageContaining("must start before it ends");
  }

  @Test
  void factoriesLabelPeriodsAsParseReadsThem() {
    assertThat(Period.quarter(2026, 3)).isEqualTo(Period.parse("2026-Q3"));
    assertThat(Period.week(2026, 9)).isEqualTo(Period.parse("2026-W09"));
    assertThat(Period.month(java.time.YearMonth.of(2026, 2))).isEqualTo(Period.parse("2026-02"));
    assertThat(Period.day(java.time.LocalDate.of(2026, 3, 1))).isEqualTo(Period.parse("2026-03-01"));
  }

  @ParameterizedTest
  @CsvSource({
    "2026-03-01, 2026-02-28",
    "2026-W01,   2025-W52",
    "2027-W01,   2026-W53",
    "2026-03,    2026-02",
    "2026-01,    2025-12",
    "2026-Q3,    2026-Q2",
    "2026-Q1,    2025-Q4",
    "2026-03-01T06:00:00Z/2026-03-01T07:30:00Z, 2026-03-01T04:30:00Z/2026-03-01T06:00:00Z"
  })
  void thePreviousPeriodIsTheCalendarPeriodBeforeOrTheSpanOfTheSameLengthBefore(String text, String previous) {
    assertThat(Period.parse(text).previous()).isEqualTo(Period.parse(previous));
  }

  @Test
  void aSpanLabelledLikeACalendarPeriodButNotItIsShiftedByItsLength() {
    Period odd = new Period("2026-Q3", Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-07-03T00:00:00Z"));

    assertThat(odd.previous()).isEqualTo(Period.between(Instant.parse("2026-06-29T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z")));
  }
}
