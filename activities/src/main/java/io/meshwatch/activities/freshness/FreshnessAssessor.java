package io.meshwatch.activities.freshness;

import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.SlaSpec;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The freshness rules of DESIGN §5; {@code docs/spec.md} ("Freshness") states them for users.
 *
 * <ul>
 *   <li>Expected refreshes come from {@code spec.sla.schedule} (cron in {@code spec.sla.timezone})
 *       when declared, else from the cadence in the update history: last update + median interval of
 *       the recent updates, once at least {@value UpdateCadence#MIN_UPDATES} updates are known.
 *   <li>A refresh expected at {@code E} has landed when the last update is at or after {@code E}. It
 *       is late from its deadline ({@code E + freshness_sla_hours}, default {@link #DEFAULT_GRACE}, or
 *       the first {@code available_by} at or after {@code E}) until a refresh lands.
 *   <li>A missed refresh stays late when the next one is expected: only data landing ends it.
 *   <li>Without a schedule or enough history, or without any known update time, the outcome is
 *       NOT_EVALUATED with the reason: an unknown is never reported as late.
 * </ul>
 */
public final class FreshnessAssessor implements FreshnessPolicy {

  /**
   * The deadline's distance from the expected refresh when {@code freshness_sla_hours} is absent. Not
   * zero: a refresh job starts at its scheduled time and needs time to run, and inferred cadences
   * jitter; an hour absorbs both for typical batch products without hiding a missed day.
   */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

  @Override
  public FreshnessAssessment assess(FreshnessFacts facts) {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(facts.now(), "now");
    ProductSpec spec = facts.spec();
    SlaSpec sla = spec.sla();
    ZoneId zone;
    try {
      zone = ZoneId.of(sla.timezone());
    } catch (DateTimeException e) {
      return FreshnessAssessment.error("invalid sla.timezone '" + sla.timezone() + "'");
    }
    DeadlineRule rule;
    try {
      rule = deadlineRule(spec, zone);
    } catch (DateTimeException e) {
      return FreshnessAssessment.error("invalid sla.available_by '" + sla.availableBy() + "'");
    }
    Instant lastUpdated = latest(facts.lastUpdated(), facts.updateHistory());
    if (sla.schedule() != null) {
      CronSchedule schedule;
      try {
        schedule = CronSchedule.parse(sla.schedule(), zone);
      } catch (IllegalArgumentException e) {
        return FreshnessAssessment.error("invalid sla.schedule '" + sla.schedule() + "': " + e.getMessage());
      }
      return bySchedule(schedule, rule, facts.now(), lastUpdated);
    }
    List<Instant> updates = new ArrayList<>(facts.updateHistory());
    if (lastUpdated != null) {
      updates.add(lastUpdated);
    }
    return byCadence(updates, rule, facts.now(), lastUpdated);
  }

  private static DeadlineRule deadlineRule(ProductSpec spec, ZoneId zone) {
    if (spec.sla().availableBy() != null) {
      return new DeadlineRule.AvailableBy(LocalTime.parse(spec.sla().availableBy()), zone);
    }
    Double hours = spec.quality().freshnessSlaHours();
    if (hours == null) {
      return new DeadlineRule.Grace(DEFAULT_GRACE);
    }
    return new DeadlineRule.Grace(Duration.ofMillis(Math.round(hours * 3_600_000d)));
  }

  /** The newest known update: the reported one, or the history's when the warehouse reported none. */
  private static Instant latest(Instant reported, List<Instant> history) {
    Instant latest = reported;
    for (Instant update : history) {
      if (latest == null || update.isAfter(latest)) {
        latest = update;
      }
    }
    return latest;
  }

  private static FreshnessAssessment bySchedule(
      CronSchedule schedule, DeadlineRule rule, Instant now, Instant lastUpdated) {
    Optional<Instant> current = schedule.latestAtOrBefore(now);
    if (lastUpdated == null) {
      return new FreshnessAssessment(
          Outcome.NOT_EVALUATED,
          null,
          current.orElse(null),
          current.map(rule::deadlineFor).orElse(null),
          null,
          null,
          "last update unknown: the warehouse reports no update time; set spec.quality.freshness_column");
    }
    // The earliest refresh that has not landed decides: it is the first to become late.
    Optional<Instant> firstMissing = schedule.firstAfter(lastUpdated);
    if (firstMissing.isEmpty() || firstMissing.get().isAfter(now)) {
      Instant nextDeadline = firstMissing.map(rule::deadlineFor).orElse(null);
      return new FreshnessAssessment(
          Outcome.PASS,
          lastUpdated,
          current.orElse(null),
          current.map(rule::deadlineFor).orElse(null),
          null,
          nextDeadline,
          current.isPresent()
              ? "on time: the refresh expected at " + current.get() + " landed"
              : "on time: no refresh was due yet");
    }
    Instant pending = firstMissing.get();
    Instant deadline = rule.deadlineFor(pending);
    if (now.isBefore(deadline)) {
      return new FreshnessAssessment(
          Outcome.PASS,
          lastUpdated,
          pending,
          deadline,
          null,
          deadline,
          "on time: waiting for the refresh expected at " + pending + ", due by " + deadline);
    }
    // Late since the first missed deadline; report the latest refresh that is past its deadline.
    Instant due = schedule.latestAtOrBefore(rule.dueCutoff(now)).orElse(pending);
    return new FreshnessAssessment(
        Outcome.FAIL,
        lastUpdated,
        due,
        rule.deadlineFor(due),
        deadline,
        null,
        "late: the refresh expected at " + pending + " was due by " + deadline
            + "; last update " + lastUpdated);
  }

  private static FreshnessAssessment byCadence(
      List<Instant> updates, DeadlineRule rule, Instant now, Instant lastUpdated) {
    Optional<UpdateCadence> cadence = UpdateCadence.of(updates);
    if (cadence.isEmpty()) {
      long known = updates.stream().distinct().count();
      return new FreshnessAssessment(
          Outcome.NOT_EVALUATED,
          lastUpdated,
          null,
          null,
          null,
          null,
          "no spec.sla.schedule and " + known + " known update" + (known == 1 ? "" : "s")
              + "; the refresh cadence is inferred from at least " + UpdateCadence.MIN_UPDATES);
    }
    Instant expected = cadence.get().nextExpected();
    Instant deadline = rule.deadlineFor(expected);
    if (now.isBefore(deadline)) {
      return new FreshnessAssessment(
          Outcome.PASS,
          lastUpdated,
          expected,
          deadline,
          null,
          deadline,
          "on time: next refresh expected at " + expected + " (every " + cadence.get().interval()
              + " observed), due by " + deadline);
    }
    return new FreshnessAssessment(
        Outcome.FAIL,
        lastUpdated,
        expected,
        deadline,
        deadline,
        null,
        "late: a refresh was expected at " + expected + " (every " + cadence.get().interval()
            + " observed) and due by " + deadline + "; last update " + lastUpdated);
  }
}
