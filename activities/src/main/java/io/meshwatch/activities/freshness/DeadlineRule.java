package io.meshwatch.activities.freshness;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When an expected refresh becomes late. Deadlines never go backwards as the expected refresh moves
 * forward, so "every refresh expected at or before {@link #dueCutoff} is past its deadline" holds.
 */
sealed interface DeadlineRule {

  /** The instant at which a refresh expected at {@code expected} is late if it has not landed. */
  Instant deadlineFor(Instant expected);

  /**
   * The latest instant {@code t} such that a refresh expected at or before {@code t} has its deadline
   * at or before {@code now}.
   */
  Instant dueCutoff(Instant now);

  /** {@code expected + freshness_sla_hours}. */
  record Grace(Duration grace) implements DeadlineRule {
    public Grace {
      Objects.requireNonNull(grace, "grace");
    }

    @Override
    public Instant deadlineFor(Instant expected) {
      return expected.plus(grace);
    }

    @Override
    public Instant dueCutoff(Instant now) {
      return now.minus(grace);
    }
  }

  /** The first {@code available_by} time of day, in the SLA's zone, at or after the expected refresh. */
  record AvailableBy(LocalTime time, ZoneId zone) implements DeadlineRule {
    public AvailableBy {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Instant deadlineFor(Instant expected) {
      LocalDate day = WallClock.local(expected, zone).toLocalDate();
      Instant sameDay = on(day);
      return sameDay.isBefore(expected) ? on(day.plusDays(1)) : sameDay;
    }

    @Override
    public Instant dueCutoff(Instant now) {
      LocalDate day = WallClock.local(now, zone).toLocalDate();
      Instant sameDay = on(day);
      return sameDay.isAfter(now) ? on(day.minusDays(1)) : sameDay;
    }

    private Instant on(LocalDate day) {
      return WallClock.instant(day.atTime(time), zone);
    }
  }
}
