package io.meshwatch.worker.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations people write in config, the API and the CLI: {@code 90s}, {@code 5m},
 * {@code 2h}, {@code 1d}, units combined largest first ({@code 1h30m}), or ISO-8601 ({@code PT1H}).
 */
public final class HumanDuration {

  private static final Pattern SHORT =
      Pattern.compile("(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m(?!s))?(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");

  private HumanDuration() {}

  public static Duration parse(String text) {
    String t = text.strip();
    Matcher m = SHORT.matcher(t);
    if (!t.isEmpty() && m.matches()) {
      return Duration.ofDays(part(m.group(1)))
          .plusHours(part(m.group(2)))
          .plusMinutes(part(m.group(3)))
          .plusSeconds(part(m.group(4)))
          .plusMillis(part(m.group(5)));
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 30s, 5m, 2h, 1d or 1h30m)");
    }
  }

  private static long part(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  /** The shortest form {@link #parse} reads back: {@code 2h}, {@code 1h30m}, {@code 90s} reads {@code 1m30s}. */
  public static String format(Duration duration) {
    if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    append(out, duration.toDays(), "d");
    append(out, duration.toHoursPart(), "h");
    append(out, duration.toMinutesPart(), "m");
    append(out, duration.toSecondsPart(), "s");
    append(out, duration.toMillisPart(), "ms");
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount > 0) {
      out.append(amount).append(unit);
    }
  }
}
