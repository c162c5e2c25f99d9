package io.meshwatch.activities.freshness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The refresh cadence a product shows in its update history: the median interval between its most
 * recent updates. The median, not the mean, so one late or extra refresh does not move it.
 */
record UpdateCadence(Instant lastUpdate, Duration interval) {

  /** At least this many distinct updates (two intervals) before a cadence is trusted. */
  static final int MIN_UPDATES = 3;

  /** Only the most recent updates count, so a product that changed its cadence is judged by the new one. */
  static final int MAX_UPDATES = 21;

  /** The cadence of {@code updates} (any order, duplicates ignored), or empty with fewer than {@link #MIN_UPDATES}. */
  static Optional<UpdateCadence> of(Collection<Instant> updates) {
    TreeSet<Instant> distinct = new TreeSet<>(updates);
    if (distinct.size() < MIN_UPDATES) {
      return Optional.empty();
    }
    List<Instant> recent = new ArrayList<>(distinct.descendingSet()).subList(0, Math.min(MAX_UPDATES, distinct.size()));
    List<Duration> intervals = new ArrayList<>();
    for (int i = 0; i + 1 < recent.size(); i++) {
      intervals.add(Duration.between(recent.get(i + 1), recent.get(i)));
    }
    intervals.sort(null);
    int middle = intervals.size() / 2;
    Duration median = intervals.size() % 2 == 1
        ? intervals.get(middle)
        : intervals.get(middle - 1).plus(intervals.get(middle)).dividedBy(2);
    return Optional.of(new UpdateCadence(distinct.last(), median));
  }

  Instant nextExpected() {
    return lastUpdate.plus(interval);
  }
}
