package io.meshwatch.workflows.incident;

import io.meshwatch.workflows.model.EscalationSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * When an unacknowledged incident climbs: the owner's channel at once, the steward after
 * {@code stewardAfter}, the platform channel after {@code platformAfter}, both measured from the
 * opening; while it is unresolved, a reminder in the thread every {@code reminderEvery}. Worker
 * config sets the defaults; {@code spec.escalation} overrides them per product.
 */
public record EscalationLadder(Duration stewardAfter, Duration platformAfter, Duration reminderEvery) {

  public EscalationLadder {
    Objects.requireNonNull(stewardAfter, "stewardAfter");
    Objects.requireNonNull(platformAfter, "platformAfter");
    Objects.requireNonNull(reminderEvery, "reminderEvery");
    if (stewardAfter.isNegative() || platformAfter.isNegative() || reminderEvery.isNegative() || reminderEvery.isZero()) {
      throw new IllegalArgumentException("escalation delays must not be negative and reminders must be positive");
    }
  }

  /** DESIGN §7: steward after 30 minutes, platform after 2 hours; reminders every hour. */
  public static EscalationLadder defaults() {
    return new EscalationLadder(Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(1));
  }

  /** This ladder with a product's overrides applied (null fields keep this ladder's values). */
  public EscalationLadder with(EscalationSpec spec) {
    if (spec == null) {
      return this;
    }
    return new EscalationLadder(
        spec.stewardAfterMinutes() == null ? stewardAfter : Duration.ofMinutes(spec.stewardAfterMinutes()),
        spec.platformAfterMinutes() == null ? platformAfter : Duration.ofMinutes(spec.platformAfterMinutes()),
        spec.reminderEveryMinutes() == null ? reminderEvery : Duration.ofMinutes(spec.reminderEveryMinutes()));
  }
}
