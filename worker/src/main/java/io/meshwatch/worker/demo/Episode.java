package io.meshwatch.worker.demo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something that went differently in the seeded history, over [{@code start}, {@code end}).
 * {@code checkIds} name the checks a {@link Kind#FAILING} episode fails. {@code expected}: the owner
 * knew it was coming (declared maintenance) and resolves its incident by hand as expected.
 */
record Episode(Kind kind, Instant start, Instant end, List<String> checkIds, boolean expected) {

  enum Kind {
    /** Loads due from {@code start} (the first missed deadline) on land only at {@code end}. */
    LATE,
    /** Evaluations fail {@code checkIds}; a corrected load lands at {@code end}. */
    FAILING,
    /** The warehouse cannot be reached: probes fail, nothing is measured. */
    UNREACHABLE,
    /** The owner paused monitoring. */
    PAUSED,
    /** The worker was down: no cycles at all, for every product. */
    WORKER_DOWN
  }

  Episode {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    checkIds = checkIds == null ? List.of() : List.copyOf(checkIds);
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(kind + " episode must end after it starts: " + start + " to " + end);
    }
  }

  static Episode of(Kind kind, Instant start, Instant end) {
    return new Episode(kind, start, end, List.of(), false);
  }

  boolean covers(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
