package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.StoreFixtures.ORDERS;
import static io.meshwatch.activities.store.StoreFixtures.fullSpec;
import static io.meshwatch.activities.store.StoreFixtures.lateSince;
import static io.meshwatch.activities.store.StoreFixtures.onTime;
import static io.meshwatch.activities.store.StoreFixtures.probeCycle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.ListAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusTimelineTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  private static final Instant REGISTERED = Instant.parse("2026-03-02T05:00:00Z");
  private static final Instant DEADLINE = Instant.parse("2026-03-02T07:00:00Z");

  private ResultStore results;
  private StatusTimeline timeline;

  @BeforeEach
  void setUp() {
    timeline = new StatusTimeline(STORE.dsl(), Duration.ofHours(1));
    results = new ResultStore(STORE.dsl(), timeline, Clock.fixed(REGISTERED, ZoneOffset.UTC));
    STORE.database().registry().apply(fullSpec(), null, "alice", REGISTERED);
  }

  @Test
  void theSameStateExtendsTheOpenSegment() {
    healthyAt("06:00");
    healthyAt("06:10");
    healthyAt("06:20");

    assertTimeline().containsExactly(tuple(ProductState.HEALTHY, at("06:00"), at("06:20"), true));
    assertThat(timeline.findCurrent(ORDERS)).hasValueSatisfying(s -> assertThat(s.duration()).isEqualTo(Duration.ofMinutes(20)));
  }

  @Test
  void aLateStateClosesTheOnTimeSegmentAtItsDeadline() {
    healthyAt("06:00");
    healthyAt("06:50");
    results.recordCycle(probeCycle(ORDERS, at("07:10"), ProductState.LATE, DEADLINE, lateSince(DEADLINE)));

    assertTimeline()
        .containsExactly(
            tuple(ProductState.HEALTHY, at("06:00"), DEADLINE, false),
            tuple(ProductState.LATE, DEADLINE, at("07:10"), true));
    assertThat(timeline.findCurrent(ORDERS).orElseThrow().reason()).isEqualTo("no refresh by the deadline " + DEADLINE);
  }

  @Test
  void recoveryOpensANewSegment() {
    healthyAt("06:00");
    healthyAt("06:50");
    results.recordCycle(probeCycle(ORDERS, at("07:10"), ProductState.LATE, DEADLINE, lateSince(DEADLINE)));
    results.recordCycle(probeCycle(ORDERS, at("07:40"), ProductState.LATE, DEADLINE, lateSince(DEADLINE)));
    healthyAt("07:45");
    healthyAt("08:00");

    assertTimeline()
        .containsExactly(
            tuple(ProductState.HEALTHY, at("06:00"), DEADLINE, false),
            tuple(ProductState.LATE, DEADLINE, at("07:45"), false),
            tuple(ProductState.HEALTHY, at("07:45"), at("08:00"), true));
  }

  @Test
  void retriedCyclesLeaveTheTimelineAsOneAttemptWould() {
    healthyAt("06:00");
    healthyAt("06:50");
    RecordCycleInput late = probeCycle(ORDERS, at("07:10"), ProductState.LATE, DEADLINE, lateSince(DEADLINE));
    results.recordCycle(late);
    results.recordCycle(late);
    healthyAt("07:45");
    healthyAt("07:45");
    // A stale attempt of an older cycle arriving last does not rewrite what newer cycles said.
    results.recordCycle(late);

    assertTimeline()
        .containsExactly(
            tuple(ProductState.HEALTHY, at("06:00"), DEADLINE, false),
            tuple(ProductState.LATE, DEADLINE, at("07:45"), false),
            tuple(ProductState.HEALTHY, at("07:45"), at("07:45"), true));
  }

  @Test
  void timeTheMonitorWasAwayIsLeftAsAGap() {
    healthyAt("06:00");
    healthyAt("06:30");
    healthyAt("09:00");

    assertTimeline()
        .containsExactly(
            tuple(ProductState.HEALTHY, at("06:00"), at("06:30"), false),
            tuple(ProductState.HEALTHY, at("09:00"), at("09:00"), true));
  }

  @Test
  void aPauseLastsUntilTheResumeHoweverLongAndLatenessDuringItIsNotCounted() {
    healthyAt("06:00");
    // The monitor records its pause once and polls no more until resumed five hours later; the
    // data went late (deadline 07:00) while paused.
    results.recordCycle(probeCycle(ORDERS, at("06:10"), ProductState.PAUSED, at("06:10"), onTime(at("05:50"))));
    results.recordCycle(probeCycle(ORDERS, at("11:10"), ProductState.LATE, DEADLINE, lateSince(DEADLINE)));

    assertTimeline()
        .containsExactly(
            tuple(ProductState.HEALTHY, at("06:00"), at("06:10"), false),
            tuple(ProductState.PAUSED, at("06:10"), at("11:10"), false),
            tuple(ProductState.LATE, at("11:10"), at("11:10"), true));
  }

  @Test
  void aStateThatBeganDuringTheGapStartsWhereItBegan() {
    healthyAt("06:00");
    results.recordCycle(probeCycle(ORDERS, at("09:00"), ProductState.LATE, DEADLINE, lateSince(DEADLINE)));

    assertTimeline()
        .containsExactly(
            tuple(ProductState.HEALTHY, at("06:00"), at("06:00"), false),
            tuple(ProductState.LATE, DEADLINE, at("09:00"), true));
  }

  @Test
  void aFreshnessChangeWithinOneStateSplitsAtTheCycle() {
    FreshnessAssessment unknownCadence =
        new FreshnessAssessment(Outcome.NOT_EVALUATED, null, null, null, null, null, "no schedule and no update history yet");
    results.recordCycle(probeCycle(ORDERS, at("06:00"), ProductState.HEALTHY, at("06:00"), unknownCadence));
    results.recordCycle(probeCycle(ORDERS, at("06:10"), ProductState.HEALTHY, at("06:00"), onTime(at("05:55"))));

    assertThat(timeline.findSegments(ORDERS, at("05:00"), at("12:00")))
        .extracting(StatusSegment::state, StatusSegment::freshness, StatusSegment::startedAt, StatusSegment::endedAt)
        .containsExactly(
            tuple(ProductState.HEALTHY, Outcome.NOT_EVALUATED, at("06:00"), at("06:10")),
            tuple(ProductState.HEALTHY, Outcome.PASS, at("06:10"), at("06:10")));
  }

  @Test
  void theTimelineNeverStartsBeforeRegistration() {
    results.recordCycle(probeCycle(ORDERS, at("05:10"), ProductState.LATE, at("03:00"), lateSince(at("03:00"))));

    assertTimeline().containsExactly(tuple(ProductState.LATE, REGISTERED, at("05:10"), true));
  }

  @Test
  void aFailingStateGivesTheFailingChecksAsItsReason() {
    healthyAt("06:00");
    List<CheckResult> failing =
        List.of(
            new CheckResult("freshness", CheckKind.FRESHNESS, Outcome.PASS, null, null, null, null, null),
            new CheckResult("not_null:order_id", CheckKind.NOT_NULL, Outcome.FAIL, null, null, 4L, 100L, null),
            new CheckResult("pii:customer_id", CheckKind.PII_HANDLING, Outcome.FAIL, null, null, 1L, 100L, null));
    results.recordCycle(
        new RecordCycleInput(ORDERS, 1, at("06:30"), ProductState.FAILING, at("06:30"), onTime(at("06:00")), "v2", true, failing, 2, 1, 100, 40, 0, 0));

    assertThat(timeline.findCurrent(ORDERS).orElseThrow())
        .satisfies(s -> {
          assertThat(s.state()).isEqualTo(ProductState.FAILING);
          assertThat(s.freshness()).isEqualTo(Outcome.PASS);
          assertThat(s.startedAt()).isEqualTo(at("06:30"));
          assertThat(s.reason()).isEqualTo("failing: not_null:order_id, pii:customer_id");
        });
  }

  @Test
  void segmentsAreReadByTheRangeTheyOverlap() {
    healthyAt("06:00");
    healthyAt("06:50");
    results.recordCycle(probeCycle(ORDERS, at("07:10"), ProductState.LATE, DEADLINE, lateSince(DEADLINE)));
    healthyAt("07:45");
    healthyAt("08:30");

    assertThat(timeline.findSegments(ORDERS, at("07:05"), at("07:30"))).extracting(StatusSegment::state)
        .containsExactly(ProductState.LATE);
    assertThat(timeline.findSegments(ORDERS, at("06:30"), at("08:00"))).extracting(StatusSegment::state)
        .containsExactly(ProductState.HEALTHY, ProductState.LATE, ProductState.HEALTHY);
    assertThat(timeline.findSegments(ORDERS, at("07:00"), at("07:45"))).extracting(StatusSegment::state)
        .as("segments ending at the range's start or starting at its end do not overlap it")
        .containsExactly(ProductState.LATE);
    assertThat(timeline.findSegments(ORDERS, at("09:00"), at("10:00"))).isEmpty();
  }

  @Test
  void aClosedSegmentIsNotExtendedByTheNextCycle() {
    healthyAt("06:00");
    healthyAt("06:30");

    assertThat(timeline.closeOpen(ORDERS)).isTrue();
    assertThat(timeline.closeOpen(ORDERS)).as("nothing left open").isFalse();
    healthyAt("06:40");

    assertTimeline()
        .containsExactly(
            tuple(ProductState.HEALTHY, at("06:00"), at("06:30"), false),
            tuple(ProductState.HEALTHY, at("06:40"), at("06:40"), true));
  }

  private void healthyAt(String time) {
    results.recordCycle(probeCycle(ORDERS, at(time), ProductState.HEALTHY, at(time), onTime(at(time).minusSeconds(600))));
  }

  /** The whole day's timeline as (state, start, end, open). */
  private ListAssert<Tuple> assertTimeline() {
    List<Tuple> rows =
        timeline.findSegments(ORDERS, REGISTERED, at("23:59")).stream()
            .map(s -> tuple(s.state(), s.startedAt(), s.endedAt(), s.open()))
            .toList();
    return assertThat(rows);
  }

  private static Instant at(String time) {
    return Instant.parse("2026-03-02T" + time + ":00Z");
  }
}
