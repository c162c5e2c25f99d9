package io.meshwatch.activities.freshness;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A 5-field UNIX cron expression evaluated in a time zone ({@code spec.sla.schedule} and recurring
 * maintenance windows).
 *
 * <p>cron-utils computes the matching wall-clock times (on a zone without transitions, so it never
 * applies daylight-saving rules of its own); {@link WallClock} then turns them into instants. So a
 * daily {@code 30 2 * * *} in Europe/Berlin still fires once on the spring-forward day (at 03:00,
 * when the clock jumps) and once on the fall-back day (at the first 02:30).
 */
public final class CronSchedule {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** A fixed reference for the "ever fires" check, so validation does not depend on the clock. */
  private static final ZonedDateTime REFERENCE = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime execution;

  private CronSchedule(String expression, ZoneId zone, ExecutionTime execution) {
    this.expression = expression;
    this.zone = zone;
    this.execution = execution;
  }

  /**
   * Parses {@code expression} for {@code zone}.
   *
   * @throws IllegalArgumentException with a message fit for a spec error when the expression is not
   *     a valid 5-field cron expression or never fires (such as {@code 0 0 31 2 *})
   */
  public static CronSchedule parse(String expression, ZoneId zone) {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(zone, "zone");
    Cron cron;
    try {
      cron = PARSER.parse(expression.trim()).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(describe(e), e);
    }
    ExecutionTime execution = ExecutionTime.forCron(cron);
    if (execution.nextExecution(REFERENCE).isEmpty()) {
      throw new IllegalArgumentException("never fires");
    }
    return new CronSchedule(expression, zone, execution);
  }

  private static String describe(IllegalArgumentException e) {
    String message = e.getMessage() == null ? "invalid expression" : e.getMessage();
    return message.replace("Failed to parse cron expression. ", "");
  }

  /** The latest scheduled instant at or before {@code instant}, if the schedule ever fired before. */
  public Optional<Instant> latestAtOrBefore(Instant instant) {
    LocalDateTime start = WallClock.local(instant, zone).truncatedTo(ChronoUnit.MINUTES);
    Optional<LocalDateTime> found = matches(start) ? Optional.of(start) : previous(start);
    // After a fall-back, wall-clock times later than "now" may already have happened (at their first
    // occurrence); walk forward over them. Bounded by the length of the repeated hour.
    LocalDateTime cursor = found.orElse(start);
    Optional<LocalDateTime> next = next(cursor);
    while (next.isPresent() && !WallClock.instant(next.get(), zone).isAfter(instant)) {
      found = next;
      next = next(next.get());
    }
    return found.map(local -> WallClock.instant(local, zone));
  }

  /** The earliest scheduled instant strictly after {@code instant}. */
  public Optional<Instant> firstAfter(Instant instant) {
    LocalDateTime cursor = WallClock.local(instant, zone).truncatedTo(ChronoUnit.MINUTES);
    Optional<LocalDateTime> next = next(cursor);
    while (next.isPresent()) {
      Instant candidate = WallClock.instant(next.get(), zone);
      if (candidate.isAfter(instant)) {
        return Optional.of(candidate);
      }
      next = next(next.get());
    }
    return Optional.empty();
  }

  private boolean matches(LocalDateTime local) {
    return execution.isMatch(local.atZone(ZoneOffset.UTC));
  }

  private Optional<LocalDateTime> previous(LocalDateTime local) {
    return execution.lastExecution(local.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
  }

  private Optional<LocalDateTime> next(LocalDateTime local) {
    return execution.nextExecution(local.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
  }

  @Override
  public String toString() {
    return expression + " (" + zone + ")";
  }
}
