package io.meshwatch.activities.checks;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code quality.lookback}: a whole number with a unit ({@code 90m}, {@code 12h},
 * {@code 3d}, {@code 2w}) or an ISO-8601 duration ({@code PT12H}, {@code P3D}).
 */
public final class Lookback {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,6})\\s*(m|min|h|d|w)");

  private Lookback() {}

  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = text.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT.matcher(value);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      Duration duration = switch (matcher.group(2)) {
        case "m", "min" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        default -> Duration.ofDays(7 * amount);
      };
      return positive(duration);
    }
    try {
      return positive(Duration.parse(value.toUpperCase(Locale.ROOT)));
    } catch (DateTimeParseException notIso) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> positive(Duration duration) {
    return duration.isZero() || duration.isNegative() ? Optional.empty() : Optional.of(duration);
  }
}
