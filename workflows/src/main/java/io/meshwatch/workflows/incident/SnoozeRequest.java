package io.meshwatch.workflows.incident;

import java.time.Duration;
import java.util.Objects;

/**
 * Signal: put the incident aside for {@code duration}, measured on the workflow's clock when the
 * signal arrives (a client's clock never decides). At the end it is OPEN again and the steps of the
 * ladder that fell due meanwhile run then.
 */
public record SnoozeRequest(Actor by, Duration duration) {
  public SnoozeRequest {
    Objects.requireNonNull(by, "by");
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("a snooze needs a positive duration");
    }
  }
}
