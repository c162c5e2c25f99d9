package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.StoreFixtures.ORDERS;
import static io.meshwatch.activities.store.StoreFixtures.fullSpec;
import static io.meshwatch.activities.store.StoreFixtures.lateSince;
import static io.meshwatch.activities.store.StoreFixtures.onTime;
import static io.meshwatch.activities.store.StoreFixtures.probeCycle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshwatch.workflows.model.ProductState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The timeline and maintenance tables answer DESIGN §6's availability with one SQL query. */
class AvailabilityQueryTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  // A Sunday: the spec's maintenance (Sundays 02:00–03:00 Berlin) is 01:00–02:00 UTC.
  private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");

  private ResultStore results;

  @BeforeEach
  void setUp() {
    results = new ResultStore(STORE.dsl(), new StatusTimeline(STORE.dsl(), Duration.ofHours(1)), Clock.fixed(DAY, ZoneOffset.UTC));
    STORE.database().registry().apply(fullSpec(), null, "alice", DAY);
  }

  @Test
  void availabilityCountsLateTimeAgainstAndLeavesOutMaintenanceAndUnmeasuredTime() throws Exception {
    for (Instant t = at("00:30"); !t.isAfter(at("02:50")); t = t.plus(Duration.ofMinutes(20))) {
      results.recordCycle(probeCycle(ORDERS, t, ProductState.HEALTHY, at("00:30"), onTime(t)));
    }
    results.recordCycle(probeCycle(ORDERS, at("03:10"), ProductState.LATE, at("03:00"), lateSince(at("03:00"))));
    results.recordCycle(probeCycle(ORDERS, at("03:30"), ProductState.LATE, at("03:00"), lateSince(at("03:00"))));
    results.recordCycle(probeCycle(ORDERS, at("03:40"), ProductState.HEALTHY, at("03:40"), onTime(at("03:40"))));
    results.recordCycle(probeCycle(ORDERS, at("04:00"), ProductState.HEALTHY, at("03:40"), onTime(at("03:40"))));

    assertThat(results.findMaintenance(ORDERS, DAY, at("04:00")))
        .containsExactly(new TimeSpan(at("01:00"), at("02:00")));

    Map<String, Double> availability = availability(DAY, at("04:00"));

    // On time 00:30–03:00 less the maintenance hour, and 03:40–04:00; late 03:00–03:40;
    // 00:00–00:30 was not measured.
    assertThat(availability.get("on_time_seconds")).isEqualTo(110 * 60.0);
    assertThat(availability.get("measured_seconds")).isEqualTo(150 * 60.0);
    assertThat(availability.get("maintenance_seconds")).isEqualTo(60 * 60.0);
    assertThat(availability.get("availability")).isCloseTo(110.0 / 150.0, within(1e-9));
    assertThat(availability.get("coverage")).isCloseTo(150.0 / 180.0, within(1e-9));
  }

  @Test
  void aPeriodWithNothingMeasuredHasNoAvailability() throws Exception {
    Map<String, Double> availability = availability(DAY, at("04:00"));

    assertThat(availability.get("measured_seconds")).isZero();
    assertThat(availability.get("availability")).isNull();
    assertThat(availability.get("coverage")).isZero();
  }

  private static Map<String, Double> availability(Instant from, Instant to) throws IOException {
    String sql;
    try (InputStream in = AvailabilityQueryTest.class.getResourceAsStream("/db/queries/availability.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return STORE.dsl().connectionResult(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setString(1, ORDERS.toString());
        statement.setTimestamp(2, Timestamp.from(from));
        statement.setTimestamp(3, Timestamp.from(to));
        try (ResultSet rs = statement.executeQuery()) {
          assertThat(rs.next()).isTrue();
          Map<String, Double> row = new LinkedHashMap<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            double value = rs.getDouble(i);
            row.put(rs.getMetaData().getColumnName(i), rs.wasNull() ? null : value);
          }
          return row;
        }
      }
    });
  }

  private static Instant at(String time) {
    return Instant.parse("2026-03-01T" + time + ":00Z");
  }
}
