package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.IncidentFixtures.MAIN_MESSAGE;
import static io.meshwatch.activities.store.IncidentFixtures.transition;
import static io.meshwatch.activities.store.StoreFixtures.ORDERS;
import static io.meshwatch.activities.store.StoreFixtures.evaluatedCycle;
import static io.meshwatch.activities.store.StoreFixtures.fullSpec;
import static io.meshwatch.activities.store.StoreFixtures.lateSince;
import static io.meshwatch.activities.store.StoreFixtures.minimalSpec;
import static io.meshwatch.activities.store.StoreFixtures.onTime;
import static io.meshwatch.activities.store.StoreFixtures.probeCycle;
import static io.meshwatch.activities.store.StoreFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.model.SlaSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scores computed by migration V6's SQL functions over timelines recorded the way the monitors
 * record them (ResultStore cycles, IncidentStore transitions).
 */
class ScoreStoreTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  private static final double HOUR = 3600;
  private static final double DAY = 24 * HOUR;

  private final ScoreStore scores = new ScoreStore(STORE.dsl());

  @Test
  void aBreachAcrossAQuarterBoundaryCountsItsLateTimeInEachQuarterAndItselfWhereItOpened() {
    Instant registered = Instant.parse("2026-06-01T00:00:00Z");
    STORE.database().registry().apply(minimalSpec(ORDERS), null, "alice", registered);
    ResultStore results = results(Duration.ofDays(2));
    for (Instant t = registered; t.isBefore(Instant.parse("2026-07-01T00:00:00Z")); t = t.plus(Duration.ofDays(1))) {
      results.recordCycle(probeCycle(ORDERS, t, ProductState.HEALTHY, registered, onTime(t)));
    }
    Instant late = Instant.parse("2026-06-30T20:00:00Z");
    Instant recovered = Instant.parse("2026-07-01T04:00:00Z");
    results.recordCycle(probeCycle(ORDERS, Instant.parse("2026-07-01T02:00:00Z"), ProductState.LATE, late, lateSince(late)));
    results.recordCycle(probeCycle(ORDERS, recovered, ProductState.HEALTHY, recovered, onTime(recovered)));
    results.recordCycle(probeCycle(ORDERS, Instant.parse("2026-07-02T00:00:00Z"), ProductState.HEALTHY, recovered, onTime(recovered)));
    record(transition(ORDERS, late, 1, TransitionKind.OPENED, late, MAIN_MESSAGE));
    record(transition(ORDERS, late, 2, TransitionKind.RESOLVED, recovered, MAIN_MESSAGE));

    ProductScore q2 = only(scores.products(Period.parse("2026-Q2")));
    ProductScore q3 = only(scores.products(Period.parse("2026-Q3")));

    // Q2: registered on June 1, so 30 days, all measured; 4 of its hours were late.
    assertThat(q2.periodSeconds()).isEqualTo(30 * DAY);
    assertThat(q2.measuredSeconds()).isEqualTo(30 * DAY);
    assertThat(q2.onTimeSeconds()).isEqualTo(30 * DAY - 4 * HOUR);
    assertThat(q2.coverage()).isEqualTo(1.0);
    assertThat(q2.breaches()).isEqualTo(1);
    assertThat(q2.meanTimeToResolveSeconds()).isEqualTo(8 * HOUR);
    // Q3: the other 4 late hours, in one measured day of 92; the breach was Q2's.
    assertThat(q3.periodSeconds()).isEqualTo(92 * DAY);
    assertThat(q3.measuredSeconds()).isEqualTo(DAY);
    assertThat(q3.onTimeSeconds()).isEqualTo(DAY - 4 * HOUR);
    assertThat(q3.availability()).isCloseTo(20.0 / 24, within(1e-12));
    assertThat(q3.coverage()).isCloseTo(1.0 / 92, within(1e-12));
    assertThat(q3.breaches()).isZero();
    assertThat(q3.meanTimeToResolveSeconds()).isNull();
  }

  @Test
  void maintenanceOverlappingABreachIsLeftOutOfTheLateTime() {
    // A Sunday: the full spec's maintenance (Sundays 02:00–03:00 Berlin) is 01:00–02:00 UTC.
    Instant day = Instant.parse("2026-03-01T00:00:00Z");
    STORE.database().registry().apply(fullSpec(), null, "alice", day);
    ResultStore results = results(Duration.ofHours(2));
    results.recordCycle(probeCycle(ORDERS, day, ProductState.HEALTHY, day, onTime(day)));
    results.recordCycle(probeCycle(ORDERS, at(day, 0, 30), ProductState.HEALTHY, day, onTime(day)));
    for (Instant t = at(day, 1, 0); !t.isAfter(at(day, 4, 0)); t = t.plus(Duration.ofMinutes(30))) {
      results.recordCycle(probeCycle(ORDERS, t, ProductState.LATE, at(day, 0, 30), lateSince(at(day, 0, 30))));
    }

    ProductScore score = only(scores.products(Period.between(day, at(day, 4, 0))));

    // Late 00:30–04:00 less the maintenance hour: 2.5 h late, 0.5 h on time.
    assertThat(score.maintenanceSeconds()).isEqualTo(HOUR);
    assertThat(score.measuredSeconds()).isEqualTo(3 * HOUR);
    assertThat(score.onTimeSeconds()).isEqualTo(0.5 * HOUR);
    assertThat(score.availability()).isCloseTo(0.5 / 3, within(1e-12));
    assertThat(score.coverage()).isEqualTo(1.0);
  }

  @Test
  void aProductRegisteredMidQuarterIsMeasuredFromItsRegistration() {
    Instant registered = Instant.parse("2026-05-16T00:00:00Z");
    STORE.database().registry().apply(minimalSpec(ORDERS), null, "alice", registered);
    ResultStore results = results(Duration.ofDays(2));
    for (Instant t = registered; !t.isAfter(Instant.parse("2026-07-01T00:00:00Z")); t = t.plus(Duration.ofDays(1))) {
      results.recordCycle(probeCycle(ORDERS, t, ProductState.HEALTHY, registered, onTime(t)));
    }

    ProductScore q2 = only(scores.products(Period.quarter(2026, 2)));

    assertThat(q2.periodSeconds()).isEqualTo(46 * DAY);
    assertThat(q2.coverage()).isEqualTo(1.0);
    assertThat(q2.availability()).isEqualTo(1.0);
    assertThat(scores.products(Period.quarter(2026, 1))).isEmpty();
  }

  @Test
  void pausedTimeIsNeitherMeasuredNorMissing() {
    Instant day = Instant.parse("2026-03-02T00:00:00Z");
    STORE.database().registry().apply(minimalSpec(ORDERS), null, "alice", day);
    ResultStore results = results(Duration.ofHours(12));
    results.recordCycle(probeCycle(ORDERS, day, ProductState.HEALTHY, day, onTime(day)));
    results.recordCycle(probeCycle(ORDERS, at(day, 10, 0), ProductState.HEALTHY, day, onTime(day)));
    // Paused at 10:00 (recorded once: a paused monitor does not poll), resumed at 16:00 to find the
    // data late since 15:00 — late during the pause, which is the owner's time, not a breach.
    results.recordCycle(probeCycle(ORDERS, at(day, 10, 0), ProductState.PAUSED, at(day, 10, 0), onTime(day)));
    results.recordCycle(probeCycle(ORDERS, at(day, 16, 0), ProductState.LATE, at(day, 15, 0), lateSince(at(day, 15, 0))));
    results.recordCycle(probeCycle(ORDERS, at(day, 17, 0), ProductState.LATE, at(day, 15, 0), lateSince(at(day, 15, 0))));

    ProductScore score = only(scores.products(Period.day(day.atZone(ZoneOffset.UTC).toLocalDate())));

    assertThat(score.pausedSeconds()).isEqualTo(6 * HOUR);
    assertThat(score.measuredSeconds()).isEqualTo(11 * HOUR);
    assertThat(score.onTimeSeconds()).isEqualTo(10 * HOUR);
    assertThat(score.measurableSeconds()).isEqualTo(18 * HOUR);
    assertThat(score.coverage()).isCloseTo(11.0 / 18, within(1e-12));
  }

  @Test
  void unmeasuredTimeLowersCoverageButNotAvailability() {
    Instant day = Instant.parse("2026-03-02T00:00:00Z");
    ProductId steady = new ProductId("orders", "steady");
    ProductId patchy = new ProductId("orders", "patchy");
    STORE.database().registry().apply(minimalSpec(steady), null, "alice", day);
    STORE.database().registry().apply(minimalSpec(patchy), null, "alice", day);
    ResultStore results = results(Duration.ofHours(2));
    FreshnessAssessment unknown = new FreshnessAssessment(Outcome.ERROR, null, null, null, null, null, "warehouse down");
    for (int hour = 0; hour <= 13; hour++) {
      Instant t = at(day, hour, 0);
      results.recordCycle(probeCycle(steady, t, ProductState.HEALTHY, day, onTime(t)));
      if (hour <= 4 || (hour >= 8 && hour <= 11)) {
        results.recordCycle(probeCycle(patchy, t, ProductState.HEALTHY, day, onTime(t)));
      } else if (hour >= 12) {
        results.recordCycle(probeCycle(patchy, t, ProductState.ERROR, at(day, 12, 0), unknown));
      }
    }

    List<ProductScore> both = scores.products(Period.between(day, at(day, 13, 0)));

    ProductScore patchyScore = both.get(0);
    ProductScore steadyScore = both.get(1);
    assertThat(patchyScore.product()).isEqualTo(patchy);
    // Away 04:00–08:00 and unable to tell 12:00–13:00: 8 of 13 hours measured, all on time.
    assertThat(patchyScore.measuredSeconds()).isEqualTo(8 * HOUR);
    assertThat(patchyScore.availability()).isEqualTo(1.0);
    assertThat(patchyScore.coverage()).isCloseTo(8.0 / 13, within(1e-12));
    assertThat(steadyScore.availability()).isEqualTo(1.0);
    assertThat(steadyScore.coverage()).isEqualTo(1.0);
  }

  @Test
  void theTargetIsTheOneInForceAtTheEndOfThePeriod() {
    Instant day = Instant.parse("2026-03-02T00:00:00Z");
    STORE.database().registry().apply(withTarget(minimalSpec(ORDERS), 0.995), null, "alice", day);
    ProductId plain = new ProductId("billing", "invoices");
    STORE.database().registry().apply(minimalSpec(plain), null, "alice", day);
    ResultStore results = results(Duration.ofHours(12));
    results.recordCycle(probeCycle(ORDERS, day, ProductState.HEALTHY, day, onTime(day)));
    results.recordCycle(probeCycle(ORDERS, at(day, 9, 0), ProductState.HEALTHY, day, onTime(day)));
    results.recordCycle(probeCycle(ORDERS, at(day, 10, 0), ProductState.LATE, at(day, 9, 0), lateSince(at(day, 9, 0))));
    STORE.database().registry().apply(withTarget(minimalSpec(ORDERS), 0.8), null, "alice", at(day, 12, 0));

    ProductScore beforeChange = score(scores.products(Period.between(day, at(day, 11, 0))), ORDERS);
    ProductScore afterChange = score(scores.products(Period.between(day, at(day, 13, 0))), ORDERS);

    assertThat(beforeChange.availability()).isCloseTo(0.9, within(1e-12));
    assertThat(beforeChange.availabilityTarget()).isEqualTo(0.995);
    assertThat(beforeChange.targetMet()).isFalse();
    assertThat(afterChange.availabilityTarget()).isEqualTo(0.8);
    assertThat(afterChange.targetMet()).isTrue();
    ProductScore unmeasured = score(scores.products(Period.between(day, at(day, 13, 0))), plain);
    assertThat(unmeasured.availabilityTarget()).isEqualTo(SlaSpec.DEFAULT_AVAILABILITY_TARGET);
    assertThat(unmeasured.availability()).isNull();
    assertThat(unmeasured.targetMet()).isNull();
  }

  @Test
  void qualityIsTheMeanOverEvaluationsOfTheWeightedShareOfMeasuredChecksThatPassed() {
    Instant day = Instant.parse("2026-03-02T00:00:00Z");
    STORE.database().registry().apply(minimalSpec(ORDERS), null, "alice", day);
    ResultStore results = results(Duration.ofHours(2));
    // Freshness (always PASS in this fixture) and WARN count 1 and 0.5, FAIL 0; ERROR and
    // NOT_EVALUATED are not measured: (1 + 0.5 + 0) / 3.
    results.recordCycle(evaluatedCycle(ORDERS, at(day, 1, 0), ProductState.FAILING, List.of(
        result("not_null:order_id", CheckKind.NOT_NULL, Outcome.WARN),
        result("completeness", CheckKind.COMPLETENESS, Outcome.FAIL),
        result("custom:order_count_positive", CheckKind.CUSTOM, Outcome.ERROR),
        result("schema", CheckKind.SCHEMA, Outcome.NOT_EVALUATED))));
    results.recordCycle(evaluatedCycle(ORDERS, at(day, 2, 0), ProductState.HEALTHY, List.of(
        result("schema", CheckKind.SCHEMA, Outcome.PASS))));
    // A probe that did not scan is no evaluation; an evaluation the next day is another period's.
    results.recordCycle(probeCycle(ORDERS, at(day, 3, 0), ProductState.LATE, at(day, 3, 0), lateSince(at(day, 3, 0))));
    results.recordCycle(evaluatedCycle(ORDERS, at(day, 25, 0), ProductState.FAILING, List.of(
        result("schema", CheckKind.SCHEMA, Outcome.FAIL))));

    ProductScore score = only(scores.products(Period.between(day, at(day, 24, 0))));

    assertThat(score.evaluations()).isEqualTo(2);
    assertThat(score.qualityScore()).isCloseTo(75.0, within(1e-9));
    assertThat(only(scores.products(Period.between(at(day, 24, 0), at(day, 48, 0)))).qualityScore())
        .isCloseTo(50.0, within(1e-9));
  }

  @Test
  void timesToAcknowledgeAndResolveAreMeansOverTheBreachesOpenedInThePeriod() {
    Instant day = Instant.parse("2026-03-02T00:00:00Z");
    STORE.database().registry().apply(minimalSpec(ORDERS), null, "alice", at(day, -48, 0));
    Instant first = at(day, 1, 0);
    record(transition(ORDERS, first, 1, TransitionKind.OPENED, first, MAIN_MESSAGE));
    record(transition(ORDERS, first, 2, TransitionKind.ACKNOWLEDGED, at(day, 1, 10), MAIN_MESSAGE));
    record(transition(ORDERS, first, 3, TransitionKind.RESOLVED, at(day, 3, 0), MAIN_MESSAGE));
    Instant second = at(day, 5, 0);
    record(transition(ORDERS, second, 1, TransitionKind.OPENED, second, MAIN_MESSAGE));
    record(transition(ORDERS, second, 2, TransitionKind.ACKNOWLEDGED, at(day, 5, 30), MAIN_MESSAGE));
    // Opened the day before: that day's breach, though acknowledged in this one.
    Instant earlier = at(day, -2, 0);
    record(transition(ORDERS, earlier, 1, TransitionKind.OPENED, earlier, MAIN_MESSAGE));
    record(transition(ORDERS, earlier, 2, TransitionKind.ACKNOWLEDGED, at(day, 2, 0), MAIN_MESSAGE));
    // A false positive was the monitor's mistake, not a breach.
    Instant mistaken = at(day, 7, 0);
    record(transition(ORDERS, mistaken, 1, TransitionKind.OPENED, mistaken, MAIN_MESSAGE));
    record(asFalsePositive(transition(ORDERS, mistaken, 2, TransitionKind.RESOLVED, at(day, 7, 5), MAIN_MESSAGE)));

    ProductScore score = only(scores.products(Period.between(day, at(day, 24, 0))));

    assertThat(score.breaches()).isEqualTo(2);
    assertThat(score.acknowledged()).isEqualTo(2);
    assertThat(score.resolved()).isEqualTo(1);
    assertThat(score.meanTimeToAcknowledgeSeconds()).isEqualTo(20 * 60.0);
    assertThat(score.meanTimeToResolveSeconds()).isEqualTo(2 * HOUR);
  }

  @Test
  void domainsAndTheWholeMeshRollUpTimeNotProducts() {
    Instant day = Instant.parse("2026-03-02T00:00:00Z");
    ProductId a = new ProductId("orders", "a");
    ProductId b = new ProductId("orders", "b");
    ProductId c = new ProductId("billing", "c");
    ResultStore results = results(Duration.ofHours(12));
    for (ProductId id : List.of(a, b, c)) {
      STORE.database().registry().apply(minimalSpec(id), null, "alice", day);
    }
    // a: 9 of 10 hours on time, one evaluation scoring 100.
    results.recordCycle(evaluatedCycle(a, day, ProductState.HEALTHY, List.of(result("schema", CheckKind.SCHEMA, Outcome.PASS))));
    results.recordCycle(probeCycle(a, at(day, 9, 0), ProductState.HEALTHY, day, onTime(day)));
    results.recordCycle(probeCycle(a, at(day, 10, 0), ProductState.LATE, at(day, 9, 0), lateSince(at(day, 9, 0))));
    // b: 10 of 10 hours on time, no evaluation (no quality score).
    results.recordCycle(probeCycle(b, day, ProductState.HEALTHY, day, onTime(day)));
    results.recordCycle(probeCycle(b, at(day, 10, 0), ProductState.HEALTHY, day, onTime(day)));
    // c: 5 of 10 hours on time, one evaluation scoring 50.
    results.recordCycle(evaluatedCycle(c, day, ProductState.FAILING, List.of(result("schema", CheckKind.SCHEMA, Outcome.FAIL))));
    results.recordCycle(probeCycle(c, at(day, 5, 0), ProductState.HEALTHY, day, onTime(day)));
    results.recordCycle(probeCycle(c, at(day, 10, 0), ProductState.LATE, at(day, 5, 0), lateSince(at(day, 5, 0))));
    // Breaches: a acknowledged after 10 min; c twice, after 20 and 40 min.
    breach(a, at(day, 9, 0), 10);
    breach(c, at(day, 5, 0), 20);
    breach(c, at(day, 6, 0), 40);
    Period period = Period.between(day, at(day, 24, 0));

    List<DomainScore> domains = scores.domains(period);
    OverallScore overall = scores.overall(period);

    assertThat(domains).extracting(DomainScore::domain).containsExactly("billing", "orders");
    DomainScore orders = domains.get(1);
    assertThat(orders.products()).isEqualTo(2);
    assertThat(orders.measuredSeconds()).isEqualTo(20 * HOUR);
    assertThat(orders.availability()).isCloseTo(19.0 / 20, within(1e-12));
    assertThat(orders.coverage()).isCloseTo(20.0 / 48, within(1e-12));
    assertThat(orders.qualityScore()).isEqualTo(100.0);
    assertThat(orders.breaches()).isEqualTo(1);
    assertThat(orders.meanTimeToAcknowledgeSeconds()).isEqualTo(600.0);
    assertThat(orders.productsMeetingTarget()).isEqualTo(1);

    assertThat(overall.domains()).isEqualTo(2);
    assertThat(overall.products()).isEqualTo(3);
    assertThat(overall.productsMeetingTarget()).isEqualTo(1);
    assertThat(overall.availability()).isCloseTo(24.0 / 30, within(1e-12));
    assertThat(overall.coverage()).isCloseTo(30.0 / 72, within(1e-12));
    assertThat(overall.qualityScore()).isCloseTo(75.0, within(1e-9));
    assertThat(overall.breaches()).isEqualTo(3);
    // Weighted by incidents: (10 + 20 + 40) / 3 minutes, not the mean of the products' means.
    assertThat(overall.meanTimeToAcknowledgeSeconds()).isCloseTo(70 * 60.0 / 3, within(1e-9));
    assertThat(overall.meanTimeToResolveSeconds()).isNull();
  }

  @Test
  void aPeriodWithNoProductsStillHasOneOverallRow() {
    OverallScore overall = scores.overall(Period.parse("2026-Q1"));

    assertThat(overall.products()).isZero();
    assertThat(overall.measuredSeconds()).isZero();
    assertThat(overall.availability()).isNull();
    assertThat(overall.qualityScore()).isNull();
    assertThat(scores.domains(Period.parse("2026-Q1"))).isEmpty();
  }

  private static ResultStore results(Duration maxCycleGap) {
    return new ResultStore(STORE.dsl(), new StatusTimeline(STORE.dsl(), maxCycleGap), Clock.systemUTC());
  }

  private static void record(RecordIncidentInput input) {
    STORE.database().incidents().record(input);
  }

  private static void breach(ProductId product, Instant opened, int minutesToAcknowledge) {
    record(transition(product, opened, 1, TransitionKind.OPENED, opened, MAIN_MESSAGE));
    record(transition(product, opened, 2, TransitionKind.ACKNOWLEDGED, opened.plusSeconds(60L * minutesToAcknowledge), MAIN_MESSAGE));
  }

  private static RecordIncidentInput asFalsePositive(RecordIncidentInput input) {
    IncidentSnapshot s = input.incident();
    IncidentSnapshot falsePositive = new IncidentSnapshot(s.incidentId(), s.product(), s.state(), s.productState(), s.openedAt(),
        s.at(), s.failing(), s.acknowledgedAt(), s.acknowledgedBy(), s.snoozedUntil(), s.resolvedAt(), Resolution.FALSE_POSITIVE,
        s.resolvedBy(), s.note());
    return new RecordIncidentInput(falsePositive, input.transition(), input.message());
  }

  private static ProductSpec withTarget(ProductSpec spec, double target) {
    return new ProductSpec(spec.id(), spec.owner(), spec.steward(), spec.description(), spec.output(), spec.schema(), spec.quality(),
        spec.consumers(), new SlaSpec(null, "UTC", null, target, List.of()), spec.escalation(), spec.alerts());
  }

  private static ProductScore only(List<ProductScore> scores) {
    assertThat(scores).hasSize(1);
    return scores.get(0);
  }

  private static ProductScore score(List<ProductScore> scores, ProductId product) {
    return scores.stream().filter(s -> s.product().equals(product)).findFirst().orElseThrow();
  }

  private static Instant at(Instant day, int hours, int minutes) {
    return day.plus(Duration.ofHours(hours)).plus(Duration.ofMinutes(minutes));
  }
}
