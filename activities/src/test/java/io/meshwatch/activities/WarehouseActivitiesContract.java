package io.meshwatch.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.RecordingSqlLogger;
import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.EvaluateOutput;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The behaviour every warehouse adapter must show, run against a real engine by each subclass, so
 * DuckDB and PostgreSQL are held to the same exact outcomes and counts.
 */
abstract class WarehouseActivitiesContract {

  static final String CONNECTION = "warehouse";

  final RecordingSqlLogger statements = new RecordingSqlLogger();
  final RecordingFreshnessPolicy policy = new RecordingFreshnessPolicy();
  String table;

  abstract WarehouseEngine engine();

  @BeforeEach
  void createOrders(TestInfo test) {
    // Short and unique per test: PostgreSQL cuts names at 63 bytes.
    table = "orders_" + Integer.toUnsignedString(test.getTestMethod().orElseThrow().getName().hashCode(), 36);
    engine().write(OrdersFixture.create(table));
  }

  WarehouseActivitiesImpl activities(ConnectionSettings settings) {
    return new WarehouseActivitiesImpl(engine().connections(settings, statements), policy);
  }

  WarehouseActivitiesImpl activities() {
    return activities(engine().settings(CONNECTION, Duration.ofSeconds(30)));
  }

  ProductSpec spec(QualitySpec quality) {
    return OrdersFixture.spec(engine().format(), CONNECTION, table, quality);
  }

  ProductSpec unscopedSpec() {
    return spec(OrdersFixture.quality("updated_at", null, null));
  }

  static Map<String, CheckResult> byId(List<CheckResult> results) {
    return results.stream().collect(Collectors.toMap(CheckResult::checkId, Function.identity()));
  }

  static EvaluateInput evaluation(ProductSpec spec, Instant at) {
    return new EvaluateInput(spec, at, "v1");
  }

  @Test
  void measuresEveryCheckWithExactCounts() {
    EvaluateOutput output = activities().evaluate(evaluation(unscopedSpec(), OrdersFixture.SCHEDULED));
    Map<String, CheckResult> r = byId(output.results());

    assertThat(output.results()).extracting(CheckResult::checkId).containsExactly(
        "schema", "not_null:order_id", "not_null:customer_id", "completeness", "pii:customer_id", "pii:email",
        "pii:ssn", "pii:card_token", "custom:revenue_non_negative", "custom:orders_counted", "custom:has_rows",
        "custom:big_revenue", "custom:discount_bounded", "custom:short_ids", "custom:revenue_per_order",
        "custom:rounded_share");
    assertThat(output.rowsScanned()).isEqualTo(8);

    assertThat(r.get("schema").outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.get("not_null:order_id")).extracting(CheckResult::outcome, CheckResult::violations, CheckResult::rows)
        .containsExactly(Outcome.FAIL, 1L, 8L);
    assertThat(r.get("not_null:customer_id")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.FAIL, 1L);
    assertThat(r.get("completeness"))
        .extracting(CheckResult::outcome, CheckResult::observed, CheckResult::threshold, CheckResult::violations,
            CheckResult::rows)
        .containsExactly(Outcome.FAIL, 0.75, 0.9, 2L, 8L);
    assertThat(r.get("pii:customer_id")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.FAIL, 2L);
    assertThat(r.get("pii:email")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.FAIL, 2L);
    assertThat(r.get("pii:ssn")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.FAIL, 2L);
    assertThat(r.get("pii:card_token").outcome()).isEqualTo(Outcome.NOT_EVALUATED);
    assertThat(r.get("pii:card_token").message()).contains("tokenized values cannot be told from raw values");

    assertThat(r.get("custom:revenue_non_negative"))
        .extracting(CheckResult::outcome, CheckResult::violations, CheckResult::threshold)
        .containsExactly(Outcome.FAIL, 2L, 0.0);
    assertThat(r.get("custom:orders_counted"))
        .extracting(CheckResult::outcome, CheckResult::violations, CheckResult::threshold)
        .containsExactly(Outcome.WARN, 3L, 1.0);
    assertThat(r.get("custom:has_rows").outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.get("custom:big_revenue").outcome()).isEqualTo(Outcome.FAIL);
    assertThat(r.get("custom:short_ids")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.PASS, 0L);
    // A zero divisor gives NULL, and a NULL predicate is not a violation, on every engine.
    assertThat(r.get("custom:revenue_per_order")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.PASS, 0L);
    assertThat(r.get("custom:rounded_share")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.PASS, 0L);
  }

  @Test
  void aCustomCheckOnAnUnknownColumnErrorsAloneWhileTheOthersAreMeasured() {
    List<CheckResult> results = activities().evaluate(evaluation(unscopedSpec(), OrdersFixture.SCHEDULED)).results();
    CheckResult unknown = byId(results).get("custom:discount_bounded");

    assertThat(unknown.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(unknown.message()).contains("column discount_pct is not in table").contains(table);
    assertThat(results).filteredOn(c -> c.outcome() == Outcome.ERROR).hasSize(1);
    assertThat(results).filteredOn(c -> c.outcome().measured()).hasSize(14);
  }

  @Test
  void issuesExactlyOneScanStatementPerEvaluation() {
    WarehouseActivitiesImpl activities = activities();
    ProductSpec spec = unscopedSpec();
    for (int round = 0; round < 2; round++) {
      statements.clear();
      Evaluation evaluation = activities.measure(evaluation(spec, OrdersFixture.SCHEDULED));

      List<String> readingTheTable = statements.statements().stream()
          .filter(sql -> sql.contains("FROM ") && sql.contains("\"" + table + "\""))
          .toList();
      assertThat(readingTheTable).singleElement().asString()
          .startsWith("/* meshwatch */ SELECT count(*) AS m0, ")
          .contains("FILTER (WHERE");
      assertThat(evaluation.scans()).isEqualTo(1);
      assertThat(evaluation.metadataQueries()).isEqualTo(1);
      assertThat(evaluation.scans() + evaluation.metadataQueries() + evaluation.sessionStatements())
          .isEqualTo(statements.statements().size());
      assertThat(evaluation.toOutput().queries()).isEqualTo(2);
    }
  }

  @Test
  void anEvaluationAfterItsProbeScansOnTheColumnsTheProbeResolvedWithNoCatalogRead() {
    WarehouseActivitiesImpl activities = activities();
    ProductSpec spec = unscopedSpec();
    Evaluation cold = activities.measure(evaluation(spec, OrdersFixture.SCHEDULED));
    ProbeOutput probe = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));

    statements.clear();
    Evaluation warm = activities.measure(new EvaluateInput(spec, OrdersFixture.SCHEDULED, probe.dataVersion()));

    assertThat(warm.metadataQueries()).isZero();
    assertThat(warm.scans()).isEqualTo(1);
    assertThat(warm.scans() + warm.sessionStatements()).isEqualTo(statements.statements().size());
    assertThat(warm.toOutput().queries()).isEqualTo(1);
    assertThat(warm.results()).isEqualTo(cold.results());
  }

  @Test
  void aColumnDroppedBetweenTheProbeAndTheScanErrsTheScanAndTheNextCycleRecovers() {
    WarehouseActivitiesImpl activities = activities();
    ProductSpec spec = unscopedSpec();
    ProbeOutput before = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));

    engine().write("ALTER TABLE " + table + " DROP COLUMN email");
    Map<String, CheckResult> stale = byId(activities.evaluate(
        new EvaluateInput(spec, OrdersFixture.SCHEDULED, before.dataVersion())).results());
    assertThat(stale.get("pii:ssn").outcome()).isEqualTo(Outcome.ERROR);

    ProbeOutput after = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));
    assertThat(after.dataVersion()).isNotEqualTo(before.dataVersion());
    Map<String, CheckResult> next = byId(activities.evaluate(
        new EvaluateInput(spec, OrdersFixture.SCHEDULED, after.dataVersion())).results());
    assertThat(next.get("pii:email").outcome()).isEqualTo(Outcome.ERROR);
    assertThat(next.get("pii:email").message()).contains("column email is not in table");
    assertThat(next.get("pii:ssn")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.FAIL, 2L);
  }

  @Test
  void scopesTheScanToTheLookbackWithABoundParameter() {
    ProductSpec spec = spec(OrdersFixture.quality("updated_at", "day", "3d"));
    EvaluateOutput output = activities().evaluate(evaluation(spec, OrdersFixture.SCHEDULED));
    Map<String, CheckResult> r = byId(output.results());

    assertThat(output.rowsScanned()).isEqualTo(5);
    assertThat(statements.statements()).filteredOn(sql -> sql.contains("\"" + table + "\"")).singleElement()
        .asString().endsWith(" WHERE \"day\" >= ?").doesNotContain("2024");
    assertThat(r.get("not_null:order_id")).extracting(CheckResult::violations, CheckResult::rows)
        .containsExactly(1L, 5L);
    assertThat(r.get("completeness")).extracting(CheckResult::observed, CheckResult::outcome)
        .containsExactly(0.6, Outcome.FAIL);
    assertThat(r.get("pii:customer_id").violations()).isEqualTo(1L);
    assertThat(r.get("custom:revenue_non_negative").violations()).isEqualTo(1L);
    assertThat(r.get("custom:orders_counted")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.WARN, 2L);
  }

  @Test
  void anEmptyScopeLeavesRowChecksNotEvaluatedAndStillJudgesAggregates() {
    ProductSpec spec = spec(OrdersFixture.quality("updated_at", "day", "12h"));
    EvaluateOutput output = activities().evaluate(evaluation(spec, Instant.parse("2030-01-01T00:00:00Z")));
    Map<String, CheckResult> r = byId(output.results());

    assertThat(output.rowsScanned()).isZero();
    assertThat(r.get("completeness").outcome()).isEqualTo(Outcome.NOT_EVALUATED);
    assertThat(r.get("completeness").message()).startsWith("no rows in scope");
    assertThat(r.get("not_null:order_id").outcome()).isEqualTo(Outcome.NOT_EVALUATED);
    assertThat(r.get("custom:revenue_non_negative").outcome()).isEqualTo(Outcome.NOT_EVALUATED);
    assertThat(r.get("custom:has_rows").outcome()).isEqualTo(Outcome.FAIL);
    assertThat(r.get("custom:big_revenue").outcome()).isEqualTo(Outcome.NOT_EVALUATED);
    assertThat(r.get("custom:big_revenue").message()).contains("evaluated to NULL");
  }

  @Test
  void resultMessagesNeverHoldDataValues() {
    List<CheckResult> results = activities().evaluate(evaluation(unscopedSpec(), OrdersFixture.SCHEDULED)).results();

    assertThat(results).filteredOn(c -> c.message() != null).isNotEmpty().allSatisfy(c -> {
      for (String value : OrdersFixture.DATA_VALUES) {
        assertThat(c.message()).doesNotContain(value);
      }
    });
  }

  @Test
  void aMissingTableErrorsEveryCheckWithTheReason() {
    ProductSpec spec = OrdersFixture.spec(engine().format(), CONNECTION, "no_such_table",
        OrdersFixture.quality("updated_at", null, null));
    WarehouseActivitiesImpl activities = activities();

    EvaluateOutput output = activities.evaluate(evaluation(spec, OrdersFixture.SCHEDULED));
    assertThat(output.results()).hasSize(16).allSatisfy(c -> {
      assertThat(c.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(c.message()).contains("no_such_table does not exist");
    });

    ProbeOutput probe = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));
    assertThat(probe.dataVersion()).isNull();
    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(probe.freshness().reason()).contains("no_such_table does not exist");
  }

  @Test
  void aColumnDroppedUnderARunningMonitorErrorsOnlyTheChecksThatReadIt() {
    WarehouseActivitiesImpl activities = activities();
    ProductSpec spec = unscopedSpec();
    assertThat(byId(activities.evaluate(evaluation(spec, OrdersFixture.SCHEDULED)).results())
        .get("pii:email").outcome()).isEqualTo(Outcome.FAIL);

    engine().write("ALTER TABLE " + table + " DROP COLUMN email");
    Map<String, CheckResult> r = byId(activities.evaluate(evaluation(spec, OrdersFixture.SCHEDULED)).results());

    assertThat(r.get("pii:email").outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.get("pii:email").message()).contains("column email is not in table");
    assertThat(r.get("schema").outcome()).isEqualTo(Outcome.FAIL);
    assertThat(r.get("schema").message()).contains("email is missing");
    assertThat(r.get("pii:ssn")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.FAIL, 2L);
    assertThat(r.get("completeness").observed()).isEqualTo(0.75);
  }

  @Test
  void anUnreachableWarehouseGivesErrorResultsAndAProbeError() {
    WarehouseActivitiesImpl activities = activities(engine().unreachableSettings(CONNECTION));
    ProductSpec spec = unscopedSpec();

    EvaluateOutput output = activities.evaluate(evaluation(spec, OrdersFixture.SCHEDULED));
    assertThat(output.results()).hasSize(16).allSatisfy(c -> {
      assertThat(c.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(c.message()).contains("'" + CONNECTION + "'").doesNotContain("secret");
    });
    assertThat(output.results().get(0).message()).containsAnyOf("cannot connect", "cannot open");

    ProbeOutput probe = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));
    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(probe.freshness().reason()).containsAnyOf("cannot connect", "cannot open");
  }

  @Test
  void probeReadsTheLastUpdateFromTheFreshnessColumn() {
    Instant earlier = Instant.parse("2024-06-09T06:00:00Z");
    ProbeOutput probe = activities().probe(new ProbeInput(unscopedSpec(), OrdersFixture.SCHEDULED, List.of(earlier)));

    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.PASS);
    assertThat(probe.freshness().lastUpdated()).isEqualTo(OrdersFixture.LATEST_UPDATE);
    assertThat(probe.dataVersion()).isNotBlank();
    assertThat(policy.seen).singleElement().satisfies(facts -> {
      assertThat(facts.now()).isEqualTo(OrdersFixture.SCHEDULED);
      assertThat(facts.updateHistory()).containsExactly(earlier, OrdersFixture.LATEST_UPDATE);
    });
    assertThat(statements.statements()).noneMatch(sql -> sql.contains("FILTER"));
  }

  @Test
  void probeWithoutAFreshnessColumnLeavesTheLastUpdateUnknown() {
    ProbeOutput probe = activities().probe(
        new ProbeInput(spec(OrdersFixture.quality(null, null, null)), OrdersFixture.SCHEDULED, List.of()));

    assertThat(policy.seen).singleElement().satisfies(facts -> assertThat(facts.lastUpdated()).isNull());
    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.NOT_EVALUATED);
  }

  @Test
  void probeReportsAFreshnessColumnThatIsNotATimestamp() {
    ProbeOutput probe = activities().probe(
        new ProbeInput(spec(OrdersFixture.quality("order_id", null, null)), OrdersFixture.SCHEDULED, List.of()));

    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(probe.freshness().reason()).contains("the freshness column order_id is").contains("date or a timestamp");
    assertThat(probe.dataVersion()).isNotBlank();
  }

  @Test
  void theDataVersionChangesWhenTheDataChanges() throws InterruptedException {
    WarehouseActivitiesImpl activities = activities();
    ProductSpec spec = unscopedSpec();
    String first = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of())).dataVersion();
    assertThat(activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of())).dataVersion())
        .isEqualTo(first);

    engine().writeAndPublishStatistics("INSERT INTO " + table + " (order_id, updated_at) VALUES"
        + " ('o9', TIMESTAMP '2024-06-11 06:00:00')");

    ProbeOutput after = awaitNewVersion(activities, spec, first);
    assertThat(after.dataVersion()).isNotEqualTo(first);
    assertThat(after.freshness().lastUpdated()).isEqualTo(Instant.parse("2024-06-11T06:00:00Z"));
  }

  @Test
  void theDataVersionChangesWhenAColumnIsDroppedThoughNoRowChanged() {
    WarehouseActivitiesImpl activities = activities();
    ProductSpec spec = unscopedSpec();
    String before = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of())).dataVersion();

    // Neither engine's data token moves on a dropped column (no row changes, no table rewrite): the
    // schema folded into the version is what makes the monitor evaluate again.
    engine().write("ALTER TABLE " + table + " DROP COLUMN email");

    String after = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of())).dataVersion();
    assertThat(after).isNotNull().isNotEqualTo(before);
    assertThat(after.substring(0, after.indexOf('#'))).isEqualTo(before.substring(0, before.indexOf('#')));
  }

  /** Probes until the version moves, for engines whose change counters lag a moment behind writes. */
  ProbeOutput awaitNewVersion(WarehouseActivitiesImpl activities, ProductSpec spec, String old)
      throws InterruptedException {
    ProbeOutput probe = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));
    for (int attempt = 0; attempt < 50 && old.equals(probe.dataVersion()); attempt++) {
      Thread.sleep(100);
      probe = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));
    }
    return probe;
  }

  @Test
  void integerArithmeticInACustomCheckDoesNotOverflowTheScan() {
    ProductSpec spec = spec(new QualitySpec(null, null, List.of(
        new io.meshwatch.workflows.model.CustomCheckSpec("huge", "order_count * 2147483647 * 2147483647 >= 0",
            io.meshwatch.workflows.model.Severity.FAIL, 0)), null, null, null));

    CheckResult huge = byId(activities().evaluate(evaluation(spec, OrdersFixture.SCHEDULED)).results())
        .get("custom:huge");

    assertThat(huge).extracting(CheckResult::outcome, CheckResult::violations).containsExactly(Outcome.PASS, 0L);
  }

  @Test
  void renderedLiteralsAndQuotedNamesReachTheEngineUnchanged() {
    engine().write(
        "CREATE TABLE " + table + "_odd (\"we\"\"ird Col\" varchar(40), note varchar(40))",
        "INSERT INTO " + table + "_odd VALUES ('it''s', 'a\\b'), ('50%_off', 'x'), ('plain', NULL)");
    ProductSpec spec = OrdersFixture.spec(engine().format(), CONNECTION, table + "_odd", new QualitySpec(null, null,
        List.of(
            new io.meshwatch.workflows.model.CustomCheckSpec("quote", "\"we\"\"ird Col\" <> 'it''s'",
                io.meshwatch.workflows.model.Severity.FAIL, 0),
            new io.meshwatch.workflows.model.CustomCheckSpec("backslash", "note <> 'a\\b'",
                io.meshwatch.workflows.model.Severity.FAIL, 0),
            new io.meshwatch.workflows.model.CustomCheckSpec("escaped_like", "\"we\"\"ird Col\" NOT LIKE '50\\%\\_%'",
                io.meshwatch.workflows.model.Severity.FAIL, 0),
            new io.meshwatch.workflows.model.CustomCheckSpec("plain_like", "\"we\"\"ird Col\" NOT LIKE 'pla%'",
                io.meshwatch.workflows.model.Severity.FAIL, 0)),
        null, null, null));

    Map<String, CheckResult> r = byId(activities().evaluate(evaluation(spec, OrdersFixture.SCHEDULED)).results());

    assertThat(r.get("custom:quote").violations()).isEqualTo(1L);
    assertThat(r.get("custom:backslash").violations()).isEqualTo(1L);
    assertThat(r.get("custom:escaped_like").violations()).isEqualTo(1L);
    assertThat(r.get("custom:plain_like").violations()).isEqualTo(1L);
  }

  @Test
  void aLiteralWithAQuoteAndABackslashReachesTheEngineUnchangedInAScopedScanWithALikeCheck() {
    engine().write(
        "CREATE TABLE " + table + "_lit (note varchar(40), day date)",
        "INSERT INTO " + table + "_lit VALUES ('it''s a\\b', DATE '2024-06-09'), ('test_1', DATE '2024-06-09'),"
            + " ('plain', DATE '2024-06-01')");
    ProductSpec spec = OrdersFixture.spec(engine().format(), CONNECTION, table + "_lit", new QualitySpec(null, null,
        List.of(
            new io.meshwatch.workflows.model.CustomCheckSpec("no_tests", "note NOT LIKE 'test\\_%'",
                io.meshwatch.workflows.model.Severity.FAIL, 0),
            new io.meshwatch.workflows.model.CustomCheckSpec("quoted", "note <> 'it''s a\\b'",
                io.meshwatch.workflows.model.Severity.FAIL, 0)),
        null, "day", "3d"));

    EvaluateOutput output = activities().evaluate(evaluation(spec, OrdersFixture.SCHEDULED));
    Map<String, CheckResult> r = byId(output.results());

    assertThat(output.rowsScanned()).isEqualTo(2);
    assertThat(r.get("custom:no_tests")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.FAIL, 1L);
    assertThat(r.get("custom:quoted")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.FAIL, 1L);
  }
}
