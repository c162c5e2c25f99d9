package io.meshwatch.activities.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.sql.TypeFamily;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.workflows.model.CheckPlan;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.PiiHandling;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the fused scan BigQuery receives for representative specs, byte for byte, in
 * {@code src/test/resources/golden/bigquery/}. A deliberate change to the rendering is accepted by
 * running this test with {@code -Dmeshwatch.golden.update=true}, which rewrites the files, and
 * reviewing their diff.
 */
class BigQueryGoldenScanTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/bigquery");
  private static final Instant SCHEDULED = Instant.parse("2024-06-10T12:00:00Z");

  /** The orders table as BigQuery's tables.get describes it, partitioned by day. */
  private static final ResolvedTable ORDERS = new ResolvedTable(new TableName("analytics-prod", "orders", "orders_daily"),
      List.of(
          new TableColumn("order_id", "STRING", TypeFamily.STRING),
          new TableColumn("customer_id", "STRING", TypeFamily.STRING),
          new TableColumn("email", "STRING", TypeFamily.STRING),
          new TableColumn("ssn", "STRING", TypeFamily.STRING),
          new TableColumn("card_token", "STRING", TypeFamily.STRING),
          new TableColumn("revenue_usd", "NUMERIC(12, 2)", TypeFamily.DECIMAL),
          new TableColumn("order_count", "INT64", TypeFamily.INTEGER),
          new TableColumn("discount_pct", "FLOAT64", TypeFamily.DECIMAL),
          new TableColumn("day", "DATE", TypeFamily.DATE),
          new TableColumn("updated_at", "TIMESTAMP", TypeFamily.TIMESTAMP_TZ)));

  private final FusedScanPlanner planner = new FusedScanPlanner(new ExpressionParser());

  private static ProductSpec spec(List<CustomCheckSpec> custom, String partitionColumn, String lookback) {
    OutputSpec output = new OutputSpec(OutputFormat.BIGQUERY, null, null, null, null, "orders_daily", "analytics-prod",
        "orders", null);
    List<ColumnSpec> schema = List.of(
        new ColumnSpec("order_id", "string", false, false, null),
        new ColumnSpec("customer_id", "string", false, true, PiiHandling.HASHED),
        new ColumnSpec("email", "string", true, true, PiiHandling.MASKED),
        new ColumnSpec("ssn", "string", true, true, PiiHandling.REDACTED),
        new ColumnSpec("card_token", "string", true, true, PiiHandling.TOKENIZED),
        new ColumnSpec("revenue_usd", "decimal(12,2)", true, false, null),
        new ColumnSpec("order_count", "integer", true, false, null),
        new ColumnSpec("day", "date", true, false, null),
        new ColumnSpec("updated_at", "timestamp", true, false, null));
    return new ProductSpec(new ProductId("orders", "orders-daily"), "orders-platform-team", "jane.smith@company.com",
        "Daily orders", output, schema, new QualitySpec(2.0, 0.999, custom, "updated_at", partitionColumn, lookback),
        List.of(), null, null, null);
  }

  private ScanPlan plan(ProductSpec spec) {
    return planner.plan(CheckPlan.of(spec), spec.quality(), ORDERS, Dialect.BIGQUERY, SCHEDULED);
  }

  @Test
  void theOrdersDailySpecScopedByItsDayPartitions() throws IOException {
    ScanPlan plan = plan(spec(List.of(
        new CustomCheckSpec("order_count_positive", "order_count > 0", Severity.FAIL, 0),
        new CustomCheckSpec("revenue_non_negative", "revenue_usd >= 0", Severity.FAIL, 0),
        new CustomCheckSpec("has_rows", "count(*) > 0", Severity.FAIL, 0)), "day", "3d"));

    assertGolden("orders-daily.sql", plan.query().sql());
    // The cutoff is a DATE parameter on the partitioning column, so BigQuery prunes older partitions.
    assertThat(plan.query().parameters()).containsExactly(LocalDate.of(2024, 6, 7));
    assertThat(plan.settled()).extracting(r -> r.checkId()).containsExactly("pii:card_token");
  }

  @Test
  void customExpressionsScopedByATimestamp() throws IOException {
    ScanPlan plan = plan(spec(List.of(
        new CustomCheckSpec("revenue_per_order", "revenue_usd / order_count < 100", Severity.FAIL, 0),
        new CustomCheckSpec("big_orders", "order_count * 3000000000 < 9000000000000000000", Severity.WARN, 5),
        new CustomCheckSpec("even_counts", "order_count % 2 = 0 OR order_count IS NULL", Severity.WARN, 0),
        new CustomCheckSpec("rounded", "round(revenue_usd / 3, 2) >= -2", Severity.FAIL, 0),
        new CustomCheckSpec("emails", "email LIKE '%@%' OR email ILIKE 'n/a'", Severity.WARN, 0),
        new CustomCheckSpec("recent", "updated_at >= TIMESTAMP '2024-01-01 00:00:00' AND day BETWEEN DATE"
            + " '2024-01-01' AND DATE '2030-12-31'", Severity.FAIL, 0),
        new CustomCheckSpec("known_discounts", "coalesce(discount_pct, 0) IN (0, 5, 10.5)", Severity.WARN, 0),
        new CustomCheckSpec("quoted", "ssn <> 'it''s \\\\ n/a'", Severity.WARN, 0),
        new CustomCheckSpec("distinct_customers", "count(DISTINCT customer_id) <= count(*)", Severity.FAIL, 0),
        new CustomCheckSpec("balanced", "abs(sum(revenue_usd) - sum(CASE WHEN order_count > 0 THEN revenue_usd ELSE 0"
            + " END)) < 0.01", Severity.WARN, 0)), "updated_at", "12h"));

    assertGolden("custom-expressions.sql", plan.query().sql());
    assertThat(plan.query().parameters()).containsExactly(OffsetDateTime.of(2024, 6, 10, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(plan.settled()).extracting(r -> r.checkId()).containsExactly("pii:card_token");
  }

  private static void assertGolden(String name, String sql) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("meshwatch.golden.update")) {
      Files.writeString(file, sql + "\n", StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file %s (run with -Dmeshwatch.golden.update=true to write it)", file).exists();
    assertThat(sql + "\n").as("rendered SQL against %s", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
