package io.meshwatch.worker.report;

import io.meshwatch.alerts.text.HumanDuration;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a report writes its figures for people (HTML and Markdown): percentages with two decimals,
 * durations as {@code 2h 15m}, and {@value #NONE} for a figure with nothing behind it, so an
 * unmeasured product never reads as 0 % or NaN. The CSV writes plain numbers instead ({@link #plain}).
 */
public final class ReportFormat {

  /** What stands for a figure that has no value: nothing was measured. */
  public static final String NONE = "—";

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private ReportFormat() {}

  /** A ratio as a percentage, {@code 99.50 %}. */
  public static String percent(Double ratio) {
    return ratio == null ? NONE : percent(ratio, 2);
  }

  /**
   * An availability next to its target, with as many decimals (2 to 4) as it takes not to round a
   * missed target up to it: 99.896 % against 99.9 % reads {@code 99.896 %}, not {@code 99.90 %}.
   */
  public static String availability(Double ratio, double target) {
    if (ratio == null) {
      return NONE;
    }
    int decimals = Math.max(2, decimalsOf(target));
    while (decimals < 4 && roundsOnto(ratio, target, decimals)) {
      decimals++;
    }
    return percent(ratio, decimals);
  }

  /** A target, {@code 99.90 %}, or {@code 99.999 %} when it needs the decimals. */
  public static String target(double target) {
    return percent(target, Math.max(2, decimalsOf(target)));
  }

  /** A quality score, {@code 87.5}. */
  public static String quality(Double score) {
    return score == null ? NONE : String.format(Locale.ROOT, "%.1f", score);
  }

  /** Seconds as people say them: {@code 45s}, {@code 12m}, {@code 2h 15m}, {@code 3d 4h}. */
  public static String duration(Double seconds) {
    if (seconds == null) {
      return NONE;
    }
    if (seconds < 59.5) {
      return Math.round(seconds) + "s";
    }
    return HumanDuration.of(Duration.ofSeconds(Math.round(seconds)));
  }

  /** A change in percentage points, signed: {@code +0.25 pp}, {@code −1.10 pp}. */
  public static String points(Double points) {
    return points == null ? NONE : signed(points, 2) + " pp";
  }

  /** A change in quality score points, signed: {@code +2.5}. */
  public static String qualityChange(Double points) {
    return points == null ? NONE : signed(points, 1);
  }

  /** An instant to the minute, {@code 2026-10-01 08:00 UTC}. */
  public static String minute(Instant instant) {
    return MINUTE.format(instant);
  }

  /** A period's span in words: {@code 2026-07-01 00:00 UTC to 2026-10-01 00:00 UTC}. */
  public static String span(ReportPeriod period) {
    return minute(period.from()) + " to " + minute(period.to());
  }

  /**
   * A number for the CSV: plain notation (no exponent, no grouping), at most {@code decimals} decimals,
   * trailing zeros dropped; empty for null, as RFC 4180 has no null.
   */
  public static String plain(Double value, int decimals) {
    if (value == null) {
      return "";
    }
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.signum() == 0 ? "0" : rounded.toPlainString();
  }

  private static String percent(double ratio, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f %%", 100 * ratio);
  }

  private static String signed(double value, int decimals) {
    String magnitude = String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(value));
    if (magnitude.matches("[0.]+")) {
      return "±" + magnitude;
    }
    // U+2212, the minus sign, lines up with the plus sign in proportional fonts.
    return (value < 0 ? "\u2212" : "+") + magnitude;
  }

  private static int decimalsOf(double ratio) {
    return Math.max(0, BigDecimal.valueOf(100 * ratio).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().scale());
  }

  private static boolean roundsOnto(double ratio, double target, int decimals) {
    double shown = BigDecimal.valueOf(100 * ratio).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    return ratio < target ? shown >= 100 * target : ratio < 1 && shown >= 100;
  }
}
