package io.meshwatch.activities.checks;

import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.TableName;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One representative spec for pinning rendered SQL: the reference {@code orders-daily} checks plus
 * one of each construct a dialect spells differently, scoped by a 3-day lookback on {@code day}.
 */
public final class RepresentativeSpec {

  public static final Instant SCHEDULED = Instant.parse("2024-06-10T12:00:00Z");

  private RepresentativeSpec() {}

  public static ProductSpec spec() {
    List<CustomCheckSpec> custom = List.of(
        new CustomCheckSpec("order_count_positive", "order_count > 0", Severity.FAIL, 0),
        new CustomCheckSpec("revenue_non_negative", "revenue_usd >= 0", Severity.FAIL, 0),
        new CustomCheckSpec("has_rows", "count(*) > 0", Severity.FAIL, 0),
        new CustomCheckSpec("revenue_per_order", "revenue_usd / order_count < 1000", Severity.WARN, 0),
        new CustomCheckSpec("count_in_range", "order_count * 1000 + 1 > 0 AND order_count % 7 <> 3", Severity.FAIL, 0),
        new CustomCheckSpec("no_test_orders", "order_id NOT LIKE 'test\\_%' AND order_id <> 'it''s a\\b'",
            Severity.FAIL, 0),
        new CustomCheckSpec("since_launch", "day >= DATE '2020-01-01'", Severity.FAIL, 0),
        new CustomCheckSpec("capped", "round(greatest(revenue_usd, 0), 1) < 1000000", Severity.FAIL, 0));
    return spec(custom, "day", "3d");
  }

  /**
   * The same table with custom checks that use every other construct of the expression language,
   * scoped by a 12-hour lookback on a timestamp.
   */
  public static ProductSpec customExpressionSpec() {
    List<CustomCheckSpec> custom = List.of(
        new CustomCheckSpec("big_orders", "order_count * 3000000000 < 9000000000000000000", Severity.WARN, 5),
        new CustomCheckSpec("even_counts", "order_count % 2 = 0 OR order_count IS NULL", Severity.WARN, 0),
        new CustomCheckSpec("rounded", "round(revenue_usd / 3, 2) >= -2", Severity.FAIL, 0),
        new CustomCheckSpec("emails", "email LIKE '%@%' OR email ILIKE 'n/a'", Severity.WARN, 0),
        new CustomCheckSpec("recent", "updated_at >= TIMESTAMP '2024-01-01 00:00:00' AND day BETWEEN DATE"
            + " '2024-01-01' AND DATE '2030-12-31'", Severity.FAIL, 0),
        new CustomCheckSpec("known_revenue", "coalesce(revenue_usd, 0) IN (0, 5, 10.5)", Severity.WARN, 0),
        new CustomCheckSpec("quoted", "ssn <> 'it''s \\\\ n/a'", Severity.WARN, 0),
        new CustomCheckSpec("bounded", "least(order_count, 10, revenue_usd) >= 0 AND greatest(order_count, 1) < 1000",
            Severity.FAIL, 0),
        new CustomCheckSpec("text_functions", "length(trim(lower(email))) <= 320 AND upper(order_id) <> ''",
            Severity.WARN, 0),
        new CustomCheckSpec("distinct_customers", "count(DISTINCT customer_id) <= count(*)", Severity.FAIL, 0),
        new CustomCheckSpec("balanced", "abs(sum(revenue_usd) - sum(CASE WHEN order_count > 0 THEN revenue_usd ELSE 0"
            + " END)) < 0.01", Severity.WARN, 0));
    return spec(custom, "updated_at", "12h");
  }

  private static ProductSpec spec(List<CustomCheckSpec> custom, String partitionColumn, String lookback) {
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
    OutputSpec output = new OutputSpec(OutputFormat.SNOWFLAKE, null, null, "domain_orders", null, "orders_daily",
        null, null, null);
    return new ProductSpec(new ProductId("orders", "orders-daily"), "orders-platform-team", "jane.smith@company.com",
        "Daily orders", output, schema, new QualitySpec(2.0, 0.999, custom, "updated_at", partitionColumn, lookback), List.of(),
        null, null, null);
  }

  /** The fused scan of the spec's checks on {@link #catalogTable} at {@link #SCHEDULED}. */
  public static ScanPlan plan(Dialect dialect) {
    return plan(spec(), dialect);
  }

  /** The fused scan of {@code spec}'s checks on {@link #catalogTable} at {@link #SCHEDULED}. */
  public static ScanPlan plan(ProductSpec spec, Dialect dialect) {
    return new FusedScanPlanner(new ExpressionParser())
        .plan(CheckPlan.of(spec), spec.quality(), catalogTable(dialect), dialect, SCHEDULED);
  }

  /** The table as each warehouse's catalog reports it after an unquoted {@code CREATE TABLE}. */
  public static ResolvedTable catalogTable(Dialect dialect) {
    return switch (dialect) {
      case DUCKDB -> new ResolvedTable(new TableName(null, "main", "orders_daily"), columns(false,
          "VARCHAR", "DECIMAL(12,2)", "INTEGER", "DATE", "TIMESTAMP"));
      case POSTGRES -> new ResolvedTable(new TableName(null, "public", "orders_daily"), columns(false,
          "character varying(200)", "numeric(12,2)", "integer", "date", "timestamp without time zone"));
      case BIGQUERY -> new ResolvedTable(new TableName("analytics-prod", "domain_orders", "orders_daily"), columns(false,
          "STRING", "NUMERIC(12, 2)", "INT64", "DATE", "DATETIME"));
      // Snowflake folds unquoted names to upper case; every integer type is NUMBER(38,0).
      case SNOWFLAKE -> new ResolvedTable(new TableName("DOMAIN_ORDERS", "PUBLIC", "ORDERS_DAILY"), columns(true,
          "TEXT", "NUMBER(12,2)", "NUMBER(38,0)", "DATE", "TIMESTAMP_NTZ"));
    };
  }

  private static List<TableColumn> columns(boolean upper, String text, String decimal, String integer, String date,
      String timestamp) {
    List<String[]> named = List.of(
        new String[] {"order_id", text}, new String[] {"customer_id", text}, new String[] {"email", text},
        new String[] {"ssn", text}, new String[] {"card_token", text}, new String[] {"revenue_usd", decimal},
        new String[] {"order_count", integer}, new String[] {"day", date}, new String[] {"updated_at", timestamp});
    return named.stream()
        .map(c -> new TableColumn(upper ? c[0].toUpperCase(Locale.ROOT) : c[0], c[1]))
        .toList();
  }
}
