package io.meshwatch.worker.spec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spec durations: days, hours and minutes in that order, each optional, at least one given:
 * {@code 30m}, {@code 12h}, {@code 3d}, {@code 1h30m}. Whole minutes are the model's unit.
 */
final class DurationText {

  static final String EXAMPLES = "30m, 12h, 3d or 1h30m";

  /** A year: longer durations are typos, and the limit keeps minute arithmetic far from overflow. */
  static final long MAX_MINUTES = 366L * 24 * 60;

  private static final Pattern FORMAT = Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?");

  private DurationText() {}

  /** The duration in minutes, or empty when {@code text} is not a duration of this form. */
  static Optional<Long> minutes(String text) {
    Matcher m = FORMAT.matcher(text.strip());
    if (text.isBlank() || !m.matches()) {
      return Optional.empty();
    }
    long minutes = part(m.group(1)) * 24 * 60 + part(m.group(2)) * 60 + part(m.group(3));
    return Optional.of(minutes);
  }

  private static long part(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  /**
   * Reads a duration field: a positive duration of at most a year, in minutes; null after reporting
   * when the value is absent or wrong.
   */
  static Long read(Fields fields, String key) {
    if (!fields.has(key)) {
      return null;
    }
    String text = fields.text(key);
    if (text == null) {
      return null;
    }
    Optional<Long> minutes = minutes(text);
    if (minutes.isEmpty()) {
      String hint = text.strip().matches("\\d+") ? " (a unit is required: m, h or d)" : "";
      fields.error(key, "must be a duration such as " + EXAMPLES + ", got " + Texts.quote(text) + hint);
      return null;
    }
    if (minutes.get() <= 0) {
      fields.error(key, "must be longer than 0, got " + Texts.quote(text));
      return null;
    }
    if (minutes.get() > MAX_MINUTES) {
      fields.error(key, "must be at most 366d, got " + Texts.quote(text));
      return null;
    }
    return minutes.get();
  }

  /** {@code 1h30m} for 90: how durations are echoed in messages. */
  static String format(long minutes) {
    StringBuilder out = new StringBuilder();
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long rest = minutes % 60;
    if (days > 0) {
      out.append(days).append('d');
    }
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (rest > 0 || out.isEmpty()) {
      out.append(rest).append('m');
    }
    return out.toString();
  }
}
