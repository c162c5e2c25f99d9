package io.meshwatch.activities.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** PostgreSQL keeps microseconds: instants are cut to that before they are written or compared. */
final class Instants {

  private Instants() {}

  static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** {@code value} held within [{@code low}, {@code high}]; {@code high} wins when they cross. */
  static Instant clamp(Instant value, Instant low, Instant high) {
    Instant atLeastLow = max(value, low);
    return atLeastLow.isAfter(high) ? high : atLeastLow;
  }
}
