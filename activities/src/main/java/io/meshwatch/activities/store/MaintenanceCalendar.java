package io.meshwatch.activities.store;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.meshwatch.workflows.model.MaintenanceWindow;
import io.meshwatch.workflows.model.SlaSpec;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands a spec's declared maintenance into concrete spans, so availability can subtract them with
 * plain SQL. Recurring windows are 5-field cron expressions evaluated in the SLA's timezone (so a
 * 02:00 window stays at 02:00 local time across daylight-saving changes). Pure.
 */
final class MaintenanceCalendar {

  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceCalendar.class);
  private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** Bounds the work for a frequent schedule over a long range. */
  private static final int MAX_OCCURRENCES = 1_000;

  private MaintenanceCalendar() {}

  /** The maintenance spans overlapping [{@code from}, {@code to}), in window order then time. */
  static List<TimeSpan> between(SlaSpec sla, Instant from, Instant to) {
    List<TimeSpan> spans = new ArrayList<>();
    for (MaintenanceWindow window : sla.maintenance()) {
      if (window.recurring()) {
        spans.addAll(recurring(window, sla.timezone(), from, to));
      } else if (window.start() != null && window.end() != null && window.end().isAfter(window.start())) {
        TimeSpan span = new TimeSpan(window.start(), window.end());
        if (span.overlaps(from, to)) {
          spans.add(span);
        }
      }
    }
    return spans;
  }

  private static List<TimeSpan> recurring(MaintenanceWindow window, String timezone, Instant from, Instant to) {
    if (window.durationMinutes() <= 0) {
      return List.of();
    }
    ExecutionTime schedule;
    ZoneId zone;
    try {
      schedule = ExecutionTime.forCron(CRON.parse(window.schedule()));
      zone = ZoneId.of(timezone);
    } catch (IllegalArgumentException | DateTimeException e) {
      // The spec loader refuses these; a stored one must not stop results from being recorded.
      LOG.warn("maintenance window '{}' in {} cannot be expanded: {}", window.schedule(), timezone, e.getMessage());
      return List.of();
    }
    Duration length = Duration.ofMinutes(window.durationMinutes());
    List<TimeSpan> spans = new ArrayList<>();
    // An occurrence overlaps the range when it starts after (from - length) and before to.
    ZonedDateTime cursor = from.minus(length).atZone(zone);
    for (int i = 0; i < MAX_OCCURRENCES; i++) {
      Optional<ZonedDateTime> next = schedule.nextExecution(cursor);
      if (next.isEmpty() || !next.get().toInstant().isBefore(to)) {
        break;
      }
      Instant start = next.get().toInstant();
      spans.add(new TimeSpan(start, start.plus(length)));
      cursor = next.get();
    }
    return spans;
  }
}
