package io.meshwatch.activities.store;

import java.time.Instant;
import java.util.Objects;

/** A half-open span of time [{@code start}, {@code end}). */
public record TimeSpan(Instant start, Instant end) {

  public TimeSpan {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("span ends before it starts: " + start + " to " + end);
    }
  }

  public boolean overlaps(Instant from, Instant to) {
    return start.isBefore(to) && end.isAfter(from);
  }
}
