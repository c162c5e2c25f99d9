package io.meshwatch.activities.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ScanQuery;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the fused scan each dialect renders for one representative spec in a golden file,
 * {@code src/test/resources/golden/<dialect>/orders-daily.sql}, so any change to the SQL a warehouse
 * receives shows up as a diff in review. The semantics of the same plan are proven against real
 * engines by the DuckDB and PostgreSQL activity tests; the golden files pin the text.
 *
 * <p>After an intended change, regenerate the files and review the diff:
 * {@code MESHWATCH_UPDATE_GOLDEN=true ./mvnw -pl activities -am verify -Dtest=GoldenScanSqlTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class GoldenScanSqlTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final boolean UPDATE = "true".equals(System.getenv("MESHWATCH_UPDATE_GOLDEN"));
  private static final Instant SCHEDULED = Instant.parse("2024-06-10T12:00:00Z");

  /** The reference spec's checks plus one of each construct a dialect spells differently. */
  static ProductSpec representativeSpec() {
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
    OutputSpec output = new OutputSpec(OutputFormat.SNOWFLAKE, null, null, "domain_orders", null, "orders_daily",
        null, null, null);
    return new ProductSpec(new ProductId("orders", "orders-daily"), "orders-platform-team", "jane.smith@company.com",
        "Daily orders", output, schema, new QualitySpec(2.0, 0.999, custom, "updated_at", "day", "3d"), List.of(),
        null, null, null);
  }

  /** The table as each warehouse's catalog reports it after an unquoted {@code CREATE TABLE}. */
  static ResolvedTable catalogTable(Dialect dialect) {
    return switch (dialect) {
      case DUCKDB -> new ResolvedTable(new TableName(null, "main", "orders_daily"), columns(false,
          "VARCHAR", "DECIMAL(12,2)", "INTEGER", "DATE", "TIMESTAMP"));
      case POSTGRES -> new ResolvedTable(new TableName(null, "public", "orders_daily"), columns(false,
          "character varying(200)", "numeric(12,2)", "integer", "date", "timestamp without time zone"));
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

  static ScanQuery render(Dialect dialect) {
    ProductSpec spec = representativeSpec();
    ScanPlan plan = new FusedScanPlanner(new ExpressionParser())
        .plan(CheckPlan.of(spec), spec.quality(), catalogTable(dialect), dialect, SCHEDULED);
    assertThat(plan.settled()).singleElement().satisfies(r -> assertThat(r.checkId()).isEqualTo("pii:card_token"));
    return plan.query();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theRenderedScanMatchesTheGoldenFile(Dialect dialect) throws IOException {
    ScanQuery query = render(dialect);
    String rendered = layout(query);
    Path file = GOLDEN.resolve(dialect.name().toLowerCase(Locale.ROOT)).resolve("orders-daily.sql");
    if (UPDATE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, rendered, StandardCharsets.UTF_8);
    }

    assertThat(file).as("golden file for %s (see the class comment to regenerate)", dialect).exists();
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(rendered);
    assertThat(unlayout(rendered)).isEqualTo(query.sql());
  }

  /**
   * One select item per line, FROM and WHERE on their own lines, and the bound parameters as a
   * trailing comment. Line breaks go only where the renderer puts {@code ", "} after an alias, or a
   * single space before FROM and WHERE, so {@link #unlayout} restores the exact text.
   */
  static String layout(ScanQuery query) {
    String sql = query.sql();
    int from = sql.lastIndexOf(" FROM ");
    int where = sql.indexOf(" WHERE ", from);
    int select = sql.indexOf("SELECT ") + "SELECT ".length();
    String items = sql.substring(select, from).replaceAll("( AS m\\d+), ", "$1,\n  ");
    String tail = where < 0
        ? "\n" + sql.substring(from + 1)
        : "\n" + sql.substring(from + 1, where) + "\n" + sql.substring(where + 1);
    String parameters = query.parameters().stream()
        .map(p -> p instanceof String text ? "'" + text + "'" : p + " (" + p.getClass().getSimpleName() + ")")
        .collect(Collectors.joining(", "));
    return sql.substring(0, select - 1) + "\n  " + items + tail + "\n-- parameters: [" + parameters + "]\n";
  }

  static String unlayout(String layout) {
    String sql = layout.substring(0, layout.lastIndexOf("\n-- parameters:"));
    return sql.replace("SELECT\n  ", "SELECT ").replace(",\n  ", ", ").replace("\nFROM ", " FROM ")
        .replace("\nWHERE ", " WHERE ");
  }
}
