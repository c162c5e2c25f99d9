package io.meshwatch.worker.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations people write in config: {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601. */
public final class HumanDuration {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private HumanDuration() {}

  public static Duration parse(String text) {
    String t = text.strip();
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 30s, 5m, 2h, 1d)");
    }
  }
}
