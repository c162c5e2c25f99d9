package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.StoreFixtures.ORDERS;
import static io.meshwatch.activities.store.StoreFixtures.evaluatedCycle;
import static io.meshwatch.activities.store.StoreFixtures.fullSpec;
import static io.meshwatch.activities.store.StoreFixtures.onTime;
import static io.meshwatch.activities.store.StoreFixtures.probeCycle;
import static io.meshwatch.activities.store.StoreFixtures.result;
import static io.meshwatch.activities.store.jooq.Tables.CHECK_RESULTS;
import static io.meshwatch.activities.store.jooq.Tables.EVALUATIONS;
import static io.meshwatch.activities.store.jooq.Tables.MAINTENANCE_WINDOWS;
import static io.meshwatch.activities.store.jooq.Tables.STATUS_SEGMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.RecordCycleOutput;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.model.QualitySpec;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResultStoreTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  private static final Instant REGISTERED = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant CYCLE = Instant.parse("2026-03-02T06:15:00Z");

  private DSLContext dsl;
  private ResultStore results;

  @BeforeEach
  void setUp() {
    dsl = STORE.dsl();
    results = STORE.database().results();
    STORE.database().registry().apply(fullSpec(), null, "alice", REGISTERED);
  }

  @Test
  void recordingTheSameCycleTwiceLeavesOneRowOfEach() {
    RecordCycleInput cycle =
        evaluatedCycle(
            ORDERS,
            CYCLE,
            ProductState.HEALTHY,
            List.of(
                result("not_null:order_id", CheckKind.NOT_NULL, Outcome.PASS),
                result("completeness", CheckKind.COMPLETENESS, Outcome.PASS)));

    RecordCycleOutput first = results.recordCycle(cycle);
    RecordCycleOutput retry = results.recordCycle(cycle);

    assertThat(first.resultsWritten()).isEqualTo(3);
    assertThat(retry).isEqualTo(first);
    assertThat(dsl.fetchCount(EVALUATIONS)).isEqualTo(1);
    assertThat(dsl.fetchCount(CHECK_RESULTS)).isEqualTo(3);
    assertThat(dsl.fetchCount(STATUS_SEGMENTS)).isEqualTo(1);
    assertThat(results.findResults(ORDERS, CYCLE)).extracting(r -> r.result().checkId())
        .containsExactly("completeness", "freshness", "not_null:order_id");
  }

  @Test
  void aChangedOutcomeForTheSameCycleReplacesTheOldOne() {
    results.recordCycle(
        evaluatedCycle(ORDERS, CYCLE, ProductState.HEALTHY, List.of(result("not_null:order_id", CheckKind.NOT_NULL, Outcome.PASS))));
    CheckResult failed =
        new CheckResult("not_null:order_id", CheckKind.NOT_NULL, Outcome.FAIL, null, 0.0, 12L, 10_000L, "12 null values");
    results.recordCycle(evaluatedCycle(ORDERS, CYCLE, ProductState.FAILING, List.of(failed)));

    assertThat(dsl.fetchCount(CHECK_RESULTS, CHECK_RESULTS.CHECK_ID.eq("not_null:order_id"))).isEqualTo(1);
    assertThat(results.findResults(ORDERS, CYCLE))
        .filteredOn(r -> r.result().checkId().equals("not_null:order_id"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.result()).isEqualTo(failed);
          assertThat(r.scheduledAt()).isEqualTo(CYCLE);
          assertThat(r.specVersion()).isEqualTo(1);
        });
    assertThat(results.findLatestEvaluation(ORDERS).orElseThrow().state()).isEqualTo(ProductState.FAILING);
  }

  @Test
  void aProbeOnlyCycleWritesNoEvaluation() {
    results.recordCycle(probeCycle(ORDERS, CYCLE, ProductState.HEALTHY, CYCLE, onTime(CYCLE.minusSeconds(60))));

    assertThat(dsl.fetchCount(EVALUATIONS)).isZero();
    assertThat(dsl.fetchCount(CHECK_RESULTS)).isEqualTo(1);
    assertThat(results.findLatestEvaluation(ORDERS)).isEmpty();
  }

  @Test
  void latestEvaluationIsTheNewestScan() {
    results.recordCycle(evaluatedCycle(ORDERS, CYCLE, ProductState.HEALTHY, List.of()));
    results.recordCycle(evaluatedCycle(ORDERS, CYCLE.plusSeconds(3600), ProductState.HEALTHY, List.of()));
    results.recordCycle(probeCycle(ORDERS, CYCLE.plusSeconds(7200), ProductState.HEALTHY, CYCLE, onTime(CYCLE)));

    assertThat(results.findLatestEvaluation(ORDERS))
        .contains(new Evaluation(ORDERS, CYCLE.plusSeconds(3600), 1, "v7", 2, 1, 10_000, 850, 2_097_152, 10_485_760,
            ProductState.HEALTHY));
  }

  @Test
  void recordingACycleAgainReplacesItsCostsBytesIncluded() {
    RecordCycleInput first = evaluatedCycle(ORDERS, CYCLE, ProductState.HEALTHY, List.of());
    results.recordCycle(first);
    RecordCycleInput retried = new RecordCycleInput(ORDERS, 1, CYCLE, first.state(), first.stateSince(), first.freshness(),
        first.dataVersion(), true, first.results(), 3, 0, 0, 900, 0, 0);
    results.recordCycle(retried);

    assertThat(dsl.fetchCount(EVALUATIONS)).isEqualTo(1);
    assertThat(results.findLatestEvaluation(ORDERS).orElseThrow())
        .satisfies(e -> {
          assertThat(e.queries()).isEqualTo(3);
          assertThat(e.scans()).isZero();
          assertThat(e.bytesProcessed()).isZero();
          assertThat(e.bytesBilled()).isZero();
        });
  }

  @Test
  void latestResultsHoldTheNewestResultOfEachPlannedCheckInPlanOrder() {
    results.recordCycle(
        evaluatedCycle(
            ORDERS,
            CYCLE,
            ProductState.HEALTHY,
            List.of(
                result("custom:revenue_non_negative", CheckKind.CUSTOM, Outcome.PASS),
                result("not_null:order_id", CheckKind.NOT_NULL, Outcome.PASS),
                result("custom:dropped_later", CheckKind.CUSTOM, Outcome.PASS))));
    Instant later = CYCLE.plusSeconds(3600);
    results.recordCycle(
        evaluatedCycle(ORDERS, later, ProductState.WARNING, List.of(result("custom:revenue_non_negative", CheckKind.CUSTOM, Outcome.WARN))));

    List<RecordedCheckResult> latest = results.findLatestResults(ORDERS);

    // Plan order: freshness, schema, not-null..., completeness, pii..., custom...; dropped checks left out.
    assertThat(latest).extracting(r -> r.result().checkId(), r -> r.result().outcome(), RecordedCheckResult::scheduledAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("freshness", Outcome.PASS, later),
            org.assertj.core.groups.Tuple.tuple("not_null:order_id", Outcome.PASS, CYCLE),
            org.assertj.core.groups.Tuple.tuple("custom:revenue_non_negative", Outcome.WARN, later));
    assertThat(results.findLatestResults(new ProductId("nowhere", "nothing"))).isEmpty();
  }

  @Test
  void aCheckRemovedFromTheSpecDropsOutOfTheLatestResults() {
    results.recordCycle(
        evaluatedCycle(ORDERS, CYCLE, ProductState.HEALTHY, List.of(result("custom:order_count_positive", CheckKind.CUSTOM, Outcome.PASS))));
    ProductSpec withoutCustomChecks = withQuality(fullSpec(), new QualitySpec(2.0, 0.999, List.of(), null, null, null));
    STORE.database().registry().apply(withoutCustomChecks, null, "alice", CYCLE.plusSeconds(60));

    assertThat(results.findLatestResults(ORDERS)).extracting(r -> r.result().checkId()).containsExactly("freshness");
  }

  @Test
  void cyclesOfUnknownProductsOrVersionsOrWithDuplicateChecksAreRejected() {
    ProductId unknown = new ProductId("nowhere", "nothing");
    assertThatThrownBy(() -> results.recordCycle(evaluatedCycle(unknown, CYCLE, ProductState.HEALTHY, List.of())))
        .isInstanceOfSatisfying(RejectedCycleException.class, e -> assertThat(e.failure()).isEqualTo(StoreFailure.UNKNOWN_PRODUCT));

    RecordCycleInput good = evaluatedCycle(ORDERS, CYCLE, ProductState.HEALTHY, List.of());
    RecordCycleInput futureVersion = new RecordCycleInput(
        ORDERS, 2, CYCLE, good.state(), good.stateSince(), good.freshness(), good.dataVersion(), true, good.results(), 1, 1, 1, 1, 0, 0);
    assertThatThrownBy(() -> results.recordCycle(futureVersion))
        .isInstanceOfSatisfying(RejectedCycleException.class, e -> assertThat(e.failure()).isEqualTo(StoreFailure.INVALID_CYCLE));

    RecordCycleInput negativeBytes = new RecordCycleInput(
        ORDERS, 1, CYCLE, good.state(), good.stateSince(), good.freshness(), good.dataVersion(), true, good.results(), 1, 1, 1, 1, 0, -1);
    assertThatThrownBy(() -> results.recordCycle(negativeBytes))
        .isInstanceOfSatisfying(RejectedCycleException.class, e -> assertThat(e.failure()).isEqualTo(StoreFailure.INVALID_CYCLE));

    CheckResult twice = result("completeness", CheckKind.COMPLETENESS, Outcome.PASS);
    assertThatThrownBy(() -> results.recordCycle(evaluatedCycle(ORDERS, CYCLE, ProductState.HEALTHY, List.of(twice, twice))))
        .isInstanceOfSatisfying(RejectedCycleException.class, e -> assertThat(e.failure()).isEqualTo(StoreFailure.INVALID_CYCLE));

    assertThat(dsl.fetchCount(CHECK_RESULTS)).isZero();
    assertThat(dsl.fetchCount(EVALUATIONS)).isZero();
  }

  @Test
  void aRetiredProductKeepsItsResultsButItsTimelineStaysClosed() {
    results.recordCycle(probeCycle(ORDERS, CYCLE, ProductState.HEALTHY, CYCLE, onTime(CYCLE)));
    STORE.database().registry().retire(ORDERS, "dave", CYCLE.plusSeconds(60));
    results.recordCycle(probeCycle(ORDERS, CYCLE.plusSeconds(120), ProductState.HEALTHY, CYCLE, onTime(CYCLE)));

    assertThat(dsl.fetchCount(CHECK_RESULTS)).isEqualTo(2);
    assertThat(results.timeline().findCurrent(ORDERS)).isEmpty();
    assertThat(results.timeline().findSegments(ORDERS, CYCLE, CYCLE.plusSeconds(600)))
        .singleElement()
        .satisfies(s -> {
          assertThat(s.open()).isFalse();
          assertThat(s.endedAt()).isEqualTo(CYCLE);
        });
  }

  @Test
  void aStretchRecordedAtOnceLeavesWhatRecordingItCycleByCycleLeaves() {
    // Two products with the same spec (and its Sunday maintenance window): one is fed cycle by
    // cycle, the other gets the same day in one call.
    ProductId twin = new ProductId("orders", "orders-twin");
    STORE.database().registry().apply(withId(fullSpec(), twin), null, "alice", REGISTERED);
    List<RecordCycleInput> day = sunday(ORDERS);

    for (RecordCycleInput cycle : day) {
      results.recordCycle(cycle);
    }
    int written = results.recordCycles(sunday(twin));

    assertThat(written).isEqualTo(dsl.fetchCount(CHECK_RESULTS, CHECK_RESULTS.PRODUCT_ID.eq(ORDERS.toString())));
    assertThat(dsl.fetchCount(MAINTENANCE_WINDOWS, MAINTENANCE_WINDOWS.PRODUCT_ID.eq(ORDERS.toString()))).isEqualTo(1);
    assertThat(dsl.fetchCount(STATUS_SEGMENTS, STATUS_SEGMENTS.PRODUCT_ID.eq(ORDERS.toString()))).isGreaterThan(3);
    for (Table<?> table : List.of(EVALUATIONS, CHECK_RESULTS, STATUS_SEGMENTS, MAINTENANCE_WINDOWS)) {
      assertThat(rows(table, twin)).as(table.getName()).isEqualTo(rows(table, ORDERS));
    }
  }

  @Test
  void aStretchOutOfOrderOrOfTwoProductsIsRejectedWhole() {
    RecordCycleInput first = probeCycle(ORDERS, CYCLE, ProductState.HEALTHY, CYCLE, onTime(CYCLE));
    RecordCycleInput second = probeCycle(ORDERS, CYCLE.plusSeconds(600), ProductState.HEALTHY, CYCLE, onTime(CYCLE));
    RecordCycleInput other = probeCycle(new ProductId("orders", "other"), CYCLE.plusSeconds(900), ProductState.HEALTHY, CYCLE, onTime(CYCLE));

    assertThatThrownBy(() -> results.recordCycles(List.of(second, first)))
        .isInstanceOfSatisfying(RejectedCycleException.class, e -> assertThat(e.failure()).isEqualTo(StoreFailure.INVALID_CYCLE));
    assertThatThrownBy(() -> results.recordCycles(List.of(first, first)))
        .isInstanceOfSatisfying(RejectedCycleException.class, e -> assertThat(e.failure()).isEqualTo(StoreFailure.INVALID_CYCLE));
    assertThatThrownBy(() -> results.recordCycles(List.of(first, other)))
        .isInstanceOfSatisfying(RejectedCycleException.class, e -> assertThat(e.failure()).isEqualTo(StoreFailure.INVALID_CYCLE));

    assertThat(dsl.fetchCount(CHECK_RESULTS)).isZero();
    assertThat(dsl.fetchCount(STATUS_SEGMENTS)).isZero();
    assertThat(results.recordCycles(List.of())).isZero();
  }

  /**
   * Sunday 2026-03-01 every 20 minutes: evaluated on the hour, away from 10:00 to 12:00, late from
   * the 13:30 deadline until 16:00, failing a check from 18:00 to 19:00. The spec's weekly window
   * (Sunday 02:00 in Berlin) falls in it.
   */
  private static List<RecordCycleInput> sunday(ProductId product) {
    Instant deadline = Instant.parse("2026-03-01T13:30:00Z");
    List<RecordCycleInput> day = new java.util.ArrayList<>();
    for (Instant at = Instant.parse("2026-03-01T00:10:00Z"); at.isBefore(Instant.parse("2026-03-02T00:00:00Z")); at = at.plusSeconds(1200)) {
      int hour = at.atZone(java.time.ZoneOffset.UTC).getHour();
      boolean onTheHour = at.atZone(java.time.ZoneOffset.UTC).getMinute() == 10;
      if (hour >= 10 && hour < 12) {
        continue;
      }
      if (hour >= 14 && hour < 16) {
        day.add(probeCycle(product, at, ProductState.LATE, deadline, StoreFixtures.lateSince(deadline)));
      } else if (onTheHour) {
        Outcome completeness = hour == 18 ? Outcome.FAIL : Outcome.PASS;
        day.add(evaluatedCycle(product, at, completeness == Outcome.FAIL ? ProductState.FAILING : ProductState.HEALTHY,
            List.of(result("not_null:order_id", CheckKind.NOT_NULL, Outcome.PASS), result("completeness", CheckKind.COMPLETENESS, completeness))));
      } else {
        day.add(new RecordCycleInput(product, 1, at, hour == 18 ? ProductState.FAILING : ProductState.HEALTHY, at, onTime(at), "v7", false,
            List.of(), 0, 0, 0, 0, 0, 0));
      }
    }
    return day;
  }

  /** A table's rows of {@code product} in key order, without the product and the wall-clock recording time. */
  private List<List<Object>> rows(Table<?> table, ProductId product) {
    List<Field<?>> fields = java.util.Arrays.stream(table.fields())
        .filter(f -> !f.getName().equals("product_id") && !f.getName().equals("recorded_at"))
        .toList();
    return dsl.select(fields)
        .from(table)
        .where(table.field("product_id", String.class).eq(product.toString()))
        .orderBy(fields.stream().map(Field::asc).toList())
        .fetch(r -> java.util.Arrays.asList(r.intoArray()));
  }

  private static ProductSpec withId(ProductSpec spec, ProductId id) {
    return new ProductSpec(
        id, spec.owner(), spec.steward(), spec.description(), spec.output(), spec.schema(), spec.quality(),
        spec.consumers(), spec.sla(), spec.escalation(), spec.alerts());
  }

  private static ProductSpec withQuality(ProductSpec spec, QualitySpec quality) {
    return new ProductSpec(
        spec.id(), spec.owner(), spec.steward(), spec.description(), spec.output(), spec.schema(), quality,
        spec.consumers(), spec.sla(), spec.escalation(), spec.alerts());
  }
}
