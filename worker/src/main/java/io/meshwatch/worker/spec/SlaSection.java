package io.meshwatch.worker.spec;

import io.meshwatch.activities.freshness.CronSchedule;
import io.meshwatch.workflows.model.MaintenanceWindow;
import io.meshwatch.workflows.model.SlaSpec;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code spec.sla}: the refresh schedule, its time zone and deadline, the availability target, maintenance. */
final class SlaSection {

  static final List<String> FIELDS = List.of("schedule", "timezone", "available_by", "availability_target", "maintenance");

  static final List<String> WINDOW_FIELDS = List.of("schedule", "duration", "start", "end");

  private static final Pattern TIME_OF_DAY = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

  private static final String CRON_FORMAT =
      "a 5-field cron expression: minute hour day-of-month month day-of-week, such as '0 6 * * *'";

  private SlaSection() {}

  static SlaSpec bind(Fields sla, Problems problems) {
    String timezone = timezone(sla);
    ZoneId zone = timezone == null ? ZoneOffset.UTC : ZoneId.of(timezone);
    String schedule = schedule(sla, "schedule", zone);
    String availableBy = sla.text("available_by");
    if (availableBy != null && !TIME_OF_DAY.matcher(availableBy).matches()) {
      sla.error("available_by", "must be a time of day HH:mm such as '07:00', got " + Texts.quote(sla.raw("available_by")));
      availableBy = null;
    }
    double target = target(sla);
    List<MaintenanceWindow> maintenance = new ArrayList<>();
    for (Fields.Item item : sla.list("maintenance")) {
      MaintenanceWindow window = window(Fields.of(item.node(), item.path(), problems, WINDOW_FIELDS), zone);
      if (window != null) {
        maintenance.add(window);
      }
    }
    return new SlaSpec(schedule, timezone, availableBy, target, maintenance);
  }

  private static String timezone(Fields sla) {
    String timezone = sla.text("timezone");
    if (timezone == null) {
      return null;
    }
    try {
      ZoneId.of(timezone);
      return timezone;
    } catch (DateTimeException e) {
      String suggestion = Suggestions.closest(timezone, ZoneId.getAvailableZoneIds())
          .map(s -> "; did you mean '" + s + "'?")
          .orElse("");
      sla.error("timezone", "unknown time zone " + Texts.quote(timezone) + suggestion
          + " (use a region id such as Europe/Berlin, or UTC)");
      return null;
    }
  }

  private static String schedule(Fields fields, String key, ZoneId zone) {
    String schedule = fields.text(key);
    if (schedule == null) {
      return null;
    }
    try {
      CronSchedule.parse(schedule, zone);
      return schedule.strip();
    } catch (IllegalArgumentException e) {
      fields.error(key, "invalid cron schedule " + Texts.quote(schedule) + ": " + Texts.printable(e.getMessage(), 200)
          + "; expected " + CRON_FORMAT);
      return null;
    }
  }

  private static double target(Fields sla) {
    BigDecimal target = sla.number("availability_target");
    if (target == null) {
      return SlaSpec.DEFAULT_AVAILABILITY_TARGET;
    }
    if (target.signum() <= 0 || target.compareTo(BigDecimal.ONE) > 0) {
      sla.error("availability_target", "must be in (0, 1], got " + sla.raw("availability_target"));
      return SlaSpec.DEFAULT_AVAILABILITY_TARGET;
    }
    return target.doubleValue();
  }

  /** Either recurring ({@code schedule} + {@code duration}) or one-off ({@code start} + {@code end}). */
  private static MaintenanceWindow window(Fields window, ZoneId zone) {
    boolean recurring = window.has("schedule") || window.has("duration");
    boolean oneOff = window.has("start") || window.has("end");
    if (recurring && oneOff) {
      window.error(window.has("start") ? "start" : "end",
          "a maintenance window is either recurring (schedule, duration) or one-off (start, end), not both");
      return null;
    }
    if (recurring) {
      String schedule = window.has("schedule") ? schedule(window, "schedule", zone) : null;
      if (!window.has("schedule")) {
        window.required("schedule");
      }
      Long duration = DurationText.read(window, "duration");
      if (!window.has("duration")) {
        window.required("duration");
      }
      return schedule == null || duration == null ? null : new MaintenanceWindow(schedule, duration, null, null);
    }
    if (!oneOff) {
      window.error("schedule", "required: give schedule and duration, or start and end");
      return null;
    }
    Instant start = instant(window, "start");
    Instant end = instant(window, "end");
    if (start != null && end != null && !start.isBefore(end)) {
      window.error("end", "must be after start (" + start + "), got " + end);
      return null;
    }
    return start == null || end == null ? null : new MaintenanceWindow(null, 0, start, end);
  }

  private static Instant instant(Fields window, String key) {
    if (!window.has(key)) {
      window.required(key);
      return null;
    }
    String text = window.text(key);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeException e) {
      window.error(key, "must be an ISO-8601 instant with an offset, such as 2026-01-31T22:00:00Z, got " + Texts.quote(text));
      return null;
    }
  }
}
