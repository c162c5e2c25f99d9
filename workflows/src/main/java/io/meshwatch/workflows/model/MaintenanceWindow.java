package io.meshwatch.workflows.model;

import java.time.Instant;

/**
 * A declared maintenance window, excluded from availability. Either recurring ({@code schedule}, a
 * cron expression in the SLA's timezone, plus {@code durationMinutes}) or one-off ({@code start} to
 * {@code end}).
 */
public record MaintenanceWindow(String schedule, long durationMinutes, Instant start, Instant end) {

  public boolean recurring() {
    return schedule != null;
  }
}
