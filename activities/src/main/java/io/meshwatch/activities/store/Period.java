package io.meshwatch.activities.store;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scoring period, the half-open span [{@code from}, {@code to}) in UTC, with the label it is
 * known by. Calendar periods are UTC days, ISO weeks (Monday to Monday), months and quarters, so
 * a quarter's scores are the same whoever asks and wherever they are.
 */
public record Period(String label, Instant from, Instant to) {

  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q(\\d)");

  public Period {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("period '" + label + "' must start before it ends, got " + from + " to " + to);
    }
  }

  /** The UTC day {@code date}, labelled {@code 2026-03-01}. */
  public static Period day(LocalDate date) {
    return new Period(date.toString(), startOf(date), startOf(date.plusDays(1)));
  }

  /** The ISO week {@code week} of {@code weekBasedYear}, Monday 00:00 UTC to the next, labelled {@code 2026-W09}. */
  public static Period week(int weekBasedYear, int week) {
    LocalDate anyDayOfYear = LocalDate.of(weekBasedYear, 6, 1);
    if (week < 1 || week > anyDayOfYear.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
      throw new IllegalArgumentException("week-based year " + weekBasedYear + " has no week " + week);
    }
    LocalDate monday = anyDayOfYear
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return new Period(String.format("%04d-W%02d", weekBasedYear, week), startOf(monday), startOf(monday.plusWeeks(1)));
  }

  /** The UTC month {@code month}, labelled {@code 2026-03}. */
  public static Period month(YearMonth month) {
    return new Period(month.toString(), startOf(month.atDay(1)), startOf(month.plusMonths(1).atDay(1)));
  }

  /** Quarter {@code quarter} (1–4) of {@code year}, labelled {@code 2026-Q3}. */
  public static Period quarter(int year, int quarter) {
    if (quarter < 1 || quarter > 4) {
      throw new IllegalArgumentException("quarter must be 1 to 4, got " + quarter);
    }
    LocalDate first = LocalDate.of(year, 3 * quarter - 2, 1);
    return new Period(year + "-Q" + quarter, startOf(first), startOf(first.plusMonths(3)));
  }

  /** Any span [{@code from}, {@code to}), labelled {@code from/to}. */
  public static Period between(Instant from, Instant to) {
    return new Period(from + "/" + to, from, to);
  }

  /**
   * The period a trend compares this one with: the calendar period before it for a day, week, month
   * or quarter (so Q3's 92 days compare with Q2's 91, not with 92 days that straddle a quarter), and
   * for any other span the span of the same length that ends where this one starts.
   */
  public Period previous() {
    Period calendar = calendarPeriod(label);
    if (calendar == null || !calendar.equals(this)) {
      return between(from.minus(Duration.between(from, to)), from);
    }
    if (DAY.matcher(label).matches()) {
      return day(LocalDate.parse(label).minusDays(1));
    }
    if (WEEK.matcher(label).matches()) {
      LocalDate monday = LocalDate.ofInstant(from, ZoneOffset.UTC).minusWeeks(1);
      return week(monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
    if (MONTH.matcher(label).matches()) {
      return month(YearMonth.parse(label).minusMonths(1));
    }
    Matcher matcher = QUARTER.matcher(label);
    if (!matcher.matches()) {
      throw new IllegalStateException("a calendar period is a day, week, month or quarter: " + label);
    }
    int year = Integer.parseInt(matcher.group(1));
    int quarter = Integer.parseInt(matcher.group(2));
    return quarter == 1 ? quarter(year - 1, 4) : quarter(year, quarter - 1);
  }

  /** The calendar period {@code label} names, or null when it names none (a custom span). */
  private static Period calendarPeriod(String label) {
    if (!(DAY.matcher(label).matches() || WEEK.matcher(label).matches() || MONTH.matcher(label).matches()
        || QUARTER.matcher(label).matches())) {
      return null;
    }
    try {
      return parse(label);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Reads a period as the CLI, the API and the report name it: {@code 2026-03-01} (day),
   * {@code 2026-W09} (ISO week), {@code 2026-03} (month), {@code 2026-Q3} (quarter) or
   * {@code 2026-03-01T00:00:00Z/2026-03-08T00:00:00Z} (custom, ISO-8601 instants).
   *
   * @throws IllegalArgumentException naming {@code text} when it is none of these
   */
  public static Period parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    try {
      Matcher matcher;
      if (DAY.matcher(value).matches()) {
        return day(LocalDate.parse(value));
      }
      if ((matcher = WEEK.matcher(value)).matches()) {
        return week(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
      }
      if (MONTH.matcher(value).matches()) {
        return month(YearMonth.parse(value));
      }
      if ((matcher = QUARTER.matcher(value)).matches()) {
        return quarter(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
      }
      int slash = value.indexOf('/');
      if (slash > 0 && slash == value.lastIndexOf('/')) {
        Instant from = Instant.parse(value.substring(0, slash));
        Instant to = Instant.parse(value.substring(slash + 1));
        return new Period(value, from, to);
      }
    } catch (DateTimeException | IllegalArgumentException e) {
      // DateTimeParseException is a DateTimeException; both say what was wrong with the parts.
      throw new IllegalArgumentException("not a period: '" + text + "' (" + reason(e) + ")", e);
    }
    throw new IllegalArgumentException(
        "not a period: '" + text + "'; expected a day (2026-03-01), ISO week (2026-W09), month (2026-03), "
            + "quarter (2026-Q3) or from/to instants (2026-03-01T00:00:00Z/2026-03-08T00:00:00Z)");
  }

  private static String reason(RuntimeException e) {
    return e instanceof DateTimeParseException parse ? "cannot read '" + parse.getParsedString() + "'" : e.getMessage();
  }

  private static Instant startOf(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
