package io.meshwatch.worker.demo;

import io.meshwatch.activities.store.Period;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What the demo's seeded history covers: the previous full calendar quarter and the current one up
 * to {@code to}, the last seeded cycle. {@code to} is on the hour at least {@link #LEAD} before the
 * demo starts, so every live cycle (and the evaluation it keys by its time) comes after it.
 */
record HistorySpan(Period previousQuarter, Period currentQuarter, Instant to) {

  /** The least time between the last seeded cycle and the demo's start. */
  static final Duration LEAD = Duration.ofMinutes(5);

  HistorySpan {
    Objects.requireNonNull(previousQuarter, "previousQuarter");
    Objects.requireNonNull(currentQuarter, "currentQuarter");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(previousQuarter.from())) {
      throw new IllegalArgumentException("history must end after it starts: " + to);
    }
  }

  /** The history of a demo started at {@code now}. */
  static HistorySpan before(Instant now) {
    Period current = quarterOf(now);
    Period previous = quarterOf(current.from().minusSeconds(1));
    return new HistorySpan(previous, current, now.minus(LEAD).truncatedTo(ChronoUnit.HOURS));
  }

  /** The first seeded instant: the previous quarter's start, when the products count as registered. */
  Instant from() {
    return previousQuarter.from();
  }

  List<Period> quarters() {
    return List.of(previousQuarter, currentQuarter);
  }

  static Period quarterOf(Instant instant) {
    LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
    return Period.quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
  }
}
