package io.meshwatch.alerts.text;

import java.time.Duration;
import java.util.Locale;

/** Durations as people say them in an alert: {@code 45m}, {@code 2h 13m}, {@code 3d 4h}. */
public final class HumanDuration {

  private HumanDuration() {}

  public static String of(Duration duration) {
    long minutes = Math.max(0, duration.toMinutes());
    if (minutes == 0) {
      return "under a minute";
    }
    if (minutes < 60) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return minutes % 60 == 0 ? hours + "h" : String.format(Locale.ROOT, "%dh %02dm", hours, minutes % 60);
    }
    return hours % 24 == 0 ? hours / 24 + "d" : String.format(Locale.ROOT, "%dd %dh", hours / 24, hours % 24);
  }
}
