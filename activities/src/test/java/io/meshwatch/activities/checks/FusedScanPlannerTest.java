package io.meshwatch.activities.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.PiiHandling;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusedScanPlannerTest {

  private static final Instant SCHEDULED = Instant.parse("2024-06-10T12:00:00Z");
  private static final ResolvedTable TABLE = new ResolvedTable(new TableName(null, "main", "orders"), List.of(
      new TableColumn("order_id", "VARCHAR"),
      new TableColumn("customer_id", "VARCHAR"),
      new TableColumn("revenue_usd", "DECIMAL(12,2)"),
      new TableColumn("digest", "BLOB"),
      new TableColumn("day", "DATE")));

  private final FusedScanPlanner planner = new FusedScanPlanner(new ExpressionParser());

  private static final List<Check> CHECKS = List.of(
      new Check.Freshness(),
      new Check.NotNull("order_id"),
      new Check.Completeness(List.of("order_id", "customer_id"), 0.99),
      new Check.PiiConformance("customer_id", PiiHandling.HASHED),
      new Check.Custom("positive", "revenue_usd >= 0", Severity.FAIL, 0),
      new Check.Custom("has_rows", "count(*) > 0", Severity.FAIL, 0));

  private static QualitySpec quality(String partition, String lookback) {
    return new QualitySpec(null, 0.99, List.of(), null, partition, lookback);
  }

  @Test
  void fusesEveryScanCheckIntoOneSelect() {
    ScanPlan plan = planner.plan(CHECKS, quality(null, null), TABLE, Dialect.DUCKDB, SCHEDULED);

    assertThat(plan.query().sql()).isEqualTo("/* meshwatch */ SELECT count(*) AS m0,"
        + " count(*) FILTER (WHERE \"order_id\" IS NULL) AS m1,"
        + " count(*) FILTER (WHERE \"order_id\" IS NOT NULL AND \"customer_id\" IS NOT NULL) AS m2,"
        + " count(*) FILTER (WHERE (\"customer_id\" IS NOT NULL AND NOT"
        + " regexp_full_match(\"customer_id\", '[0-9a-fA-F]{32,128}'))) AS m3,"
        + " count(*) FILTER (WHERE NOT (\"revenue_usd\" >= 0)) AS m4,"
        + " ((count(*) > 0)) AS m5"
        + " FROM \"main\".\"orders\"");
    assertThat(plan.query().parameters()).isEmpty();
    assertThat(plan.query().columns()).isEqualTo(6);
    assertThat(plan.measurements()).extracting(Measurement::position).containsExactly(1, 2, 3, 4, 5);
    assertThat(plan.settled()).isEmpty();
  }

  @Test
  void aPiiRuleReadsATextColumnAsItIsAndCastsAnyOtherToText() {
    ResolvedTable table = new ResolvedTable(new TableName(null, "main", "accounts"), List.of(
        new TableColumn("email", "VARCHAR"), new TableColumn("account_no", "BIGINT")));
    List<Check> checks = List.of(
        new Check.PiiConformance("email", PiiHandling.MASKED),
        new Check.PiiConformance("account_no", PiiHandling.HASHED));

    String sql = planner.plan(checks, quality(null, null), table, Dialect.DUCKDB, SCHEDULED).query().sql();

    assertThat(sql)
        .contains("trim(\"email\") <> ''", "regexp_matches(\"email\", '[*#Xx]{3}')")
        .contains("regexp_full_match(CAST(\"account_no\" AS VARCHAR), '[0-9a-fA-F]{32,128}')")
        .doesNotContain("CAST(\"email\"");
  }

  @Test
  void rendersThePostgresDialect() {
    ScanPlan plan = planner.plan(CHECKS, quality("day", "3d"), TABLE, Dialect.POSTGRES, SCHEDULED);

    assertThat(plan.query().sql())
        .contains("length(\"customer_id\") BETWEEN 32 AND 128 AND (\"customer_id\" ~ '^(?:[0-9a-fA-F]+)$')")
        .endsWith(" FROM \"main\".\"orders\" WHERE \"day\" >= ?");
    assertThat(plan.query().parameters()).containsExactly(LocalDate.of(2024, 6, 7));
  }

  @Test
  void settlesChecksOnMissingColumnsAndLeavesThemOutOfTheQuery() {
    List<Check> checks = List.of(
        new Check.NotNull("order_id"),
        new Check.NotNull("gone"),
        new Check.Completeness(List.of("order_id", "gone", "also_gone"), 0.9),
        new Check.Custom("ghost", "ghost_column > 0 AND order_id IS NOT NULL", Severity.WARN, 0));

    ScanPlan plan = planner.plan(checks, quality(null, null), TABLE, Dialect.DUCKDB, SCHEDULED);

    assertThat(plan.query().sql()).doesNotContain("gone").doesNotContain("ghost");
    assertThat(plan.measurements()).singleElement().extracting(Measurement::check).isEqualTo(checks.get(0));
    assertThat(plan.settled()).extracting(CheckResult::checkId, CheckResult::outcome, CheckResult::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("not_null:gone", Outcome.ERROR,
                "column gone is not in table main.orders; the check was left out of the scan"),
            org.assertj.core.groups.Tuple.tuple("completeness", Outcome.ERROR,
                "columns gone, also_gone are not in table main.orders; the check was left out of the scan"),
            org.assertj.core.groups.Tuple.tuple("custom:ghost", Outcome.ERROR,
                "column ghost_column is not in table main.orders; the check was left out of the scan"));
  }

  @Test
  void settlesExpressionsThatDoNotFitTheColumnTypesOrAreRefused() {
    List<Check> checks = List.of(
        new Check.Custom("text_vs_number", "order_id > 5", Severity.FAIL, 0),
        new Check.Custom("sleepy", "pg_sleep(1) IS NULL", Severity.FAIL, 0),
        new Check.Custom("fine", "length(order_id) = 2", Severity.FAIL, 0));

    ScanPlan plan = planner.plan(checks, quality(null, null), TABLE, Dialect.POSTGRES, SCHEDULED);

    assertThat(plan.measurements()).singleElement().extracting(m -> m.check().id()).isEqualTo("custom:fine");
    assertThat(plan.settled()).extracting(CheckResult::message).containsExactly(
        "the expression does not fit the table's column types: cannot compare order_id (text) with 5 (a number)",
        "the expression is not allowed: function pg_sleep is not allowed; allowed: abs, round, floor, ceil, length,"
            + " lower, upper, trim, coalesce, nullif, least, greatest; aggregates: count, sum, avg, min, max");
  }

  @Test
  void leavesUnverifiableHandlingsNotEvaluated() {
    List<Check> checks = List.of(
        new Check.PiiConformance("customer_id", PiiHandling.ENCRYPTED),
        new Check.PiiConformance("digest", PiiHandling.HASHED));

    ScanPlan plan = planner.plan(checks, quality(null, null), TABLE, Dialect.DUCKDB, SCHEDULED);

    assertThat(plan.scans()).isFalse();
    assertThat(plan.settled()).extracting(CheckResult::outcome).containsOnly(Outcome.NOT_EVALUATED);
    assertThat(plan.settled().get(1).message()).contains("digest is binary");
  }

  @Test
  void aScopeThatCannotBeAppliedErrorsEveryScanCheckInsteadOfScanningEverything() {
    ScanPlan badLookback = planner.plan(CHECKS, quality("day", "three days"), TABLE, Dialect.DUCKDB, SCHEDULED);
    ScanPlan missingColumn = planner.plan(CHECKS, quality("dt", "3d"), TABLE, Dialect.DUCKDB, SCHEDULED);
    ScanPlan numericColumn = planner.plan(CHECKS, quality("revenue_usd", "3d"), TABLE, Dialect.DUCKDB, SCHEDULED);

    assertThat(badLookback.scans()).isFalse();
    assertThat(badLookback.settled()).hasSize(5).allSatisfy(r -> assertThat(r.message())
        .contains("quality.lookback 'three days' is not a duration"));
    assertThat(missingColumn.settled()).allSatisfy(r -> assertThat(r.message())
        .contains("the partition column dt is not in table main.orders"));
    assertThat(numericColumn.settled()).allSatisfy(r -> assertThat(r.message())
        .contains("needs a date, a timestamp or ISO date text"));
  }
}
