package io.meshwatch.workflows.model;

import java.util.List;

/**
 * {@code spec.sla}: the structured SLA. {@code schedule} is a 5-field cron expression of the expected
 * refreshes, evaluated in {@code timezone}; {@code availableBy} ({@code HH:mm} in that timezone), when
 * given, is the deadline instead of {@code expected + freshness_sla_hours}.
 */
public record SlaSpec(
    String schedule,
    String timezone,
    String availableBy,
    double availabilityTarget,
    List<MaintenanceWindow> maintenance) {

  public static final double DEFAULT_AVAILABILITY_TARGET = 0.999;

  public SlaSpec {
    timezone = timezone == null ? "UTC" : timezone;
    maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
  }

  public static SlaSpec defaults() {
    return new SlaSpec(null, "UTC", null, DEFAULT_AVAILABILITY_TARGET, List.of());
  }
}
