package io.meshwatch.worker.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a demo product's loads come: one is due every {@code every}, from {@code offset} past
 * midnight UTC; it lands {@code minLagMinutes} to {@code maxLagMinutes} after it is due, and is late
 * once {@code deadline} after it is due. A load has about {@code rows} rows, as in the demo
 * warehouse. {@code every} divides a day.
 */
record Cadence(Duration every, Duration offset, Duration deadline, int minLagMinutes, int maxLagMinutes, long rows) {

  Cadence {
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(deadline, "deadline");
    if (every.isZero() || every.isNegative() || Duration.ofDays(1).toSeconds() % every.toSeconds() != 0) {
      throw new IllegalArgumentException("a cadence must divide a day, got " + every);
    }
    if (minLagMinutes < 0 || maxLagMinutes < minLagMinutes || !deadline.minusMinutes(maxLagMinutes).isPositive()) {
      throw new IllegalArgumentException("loads must land before their deadline");
    }
  }

  /** The latest instant at or before {@code t} a load was due. */
  Instant dueAtOrBefore(Instant t) {
    long step = every.toSeconds();
    long sinceOrigin = t.getEpochSecond() - offset.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(sinceOrigin, step) * step + offset.toSeconds());
  }
}
