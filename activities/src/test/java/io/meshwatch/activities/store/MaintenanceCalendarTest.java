package io.meshwatch.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.model.MaintenanceWindow;
import io.meshwatch.workflows.model.SlaSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceCalendarTest {

  /** Sundays 02:00–03:00 in Berlin, plus a one-off over Christmas. */
  private static final SlaSpec SLA = StoreFixtures.fullSpec().sla();

  @Test
  void recurringWindowsFollowTheSlaTimezoneAcrossDaylightSaving() {
    // 2026-03-01 is a Sunday in winter time (UTC+1); 2026-04-05 one in summer time (UTC+2).
    assertThat(MaintenanceCalendar.between(SLA, at("2026-03-01T00:00:00Z"), at("2026-03-01T06:00:00Z")))
        .containsExactly(new TimeSpan(at("2026-03-01T01:00:00Z"), at("2026-03-01T02:00:00Z")));
    assertThat(MaintenanceCalendar.between(SLA, at("2026-04-05T00:00:00Z"), at("2026-04-05T06:00:00Z")))
        .containsExactly(new TimeSpan(at("2026-04-05T00:00:00Z"), at("2026-04-05T01:00:00Z")));
  }

  @Test
  void onlyWindowsOverlappingTheRangeAreReturned() {
    assertThat(MaintenanceCalendar.between(SLA, at("2026-03-01T02:00:00Z"), at("2026-03-07T00:00:00Z")))
        .as("the window ending where the range starts")
        .isEmpty();
    assertThat(MaintenanceCalendar.between(SLA, at("2026-03-01T01:59:00Z"), at("2026-03-01T02:30:00Z")))
        .containsExactly(new TimeSpan(at("2026-03-01T01:00:00Z"), at("2026-03-01T02:00:00Z")));
    assertThat(MaintenanceCalendar.between(SLA, at("2026-02-22T00:00:00Z"), at("2026-03-08T23:00:00Z")))
        .extracting(TimeSpan::start)
        .containsExactly(at("2026-02-22T01:00:00Z"), at("2026-03-01T01:00:00Z"), at("2026-03-08T01:00:00Z"));
  }

  @Test
  void oneOffWindowsAreTakenAsDeclared() {
    assertThat(MaintenanceCalendar.between(SLA, at("2026-12-25T00:00:00Z"), at("2026-12-25T01:00:00Z")))
        .containsExactly(new TimeSpan(at("2026-12-24T00:00:00Z"), at("2026-12-27T00:00:00Z")));
  }

  @Test
  void windowsThatCannotBeExpandedAreLeftOut() {
    SlaSpec broken =
        new SlaSpec(null, "Mars/Olympus", null, 0.99, List.of(new MaintenanceWindow("0 2 * * 0", 60, null, null)));
    SlaSpec badCron = new SlaSpec(null, "UTC", null, 0.99, List.of(new MaintenanceWindow("not cron", 60, null, null)));

    assertThat(MaintenanceCalendar.between(broken, at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z"))).isEmpty();
    assertThat(MaintenanceCalendar.between(badCron, at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z"))).isEmpty();
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }
}
