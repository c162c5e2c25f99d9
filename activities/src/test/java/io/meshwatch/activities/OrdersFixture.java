package io.meshwatch.activities;

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

/**
 * An orders table with known defects, written with SQL that DuckDB and PostgreSQL both accept, and
 * the spec that monitors it. Over all 8 rows: one NULL order_id, one NULL customer_id, 6 complete
 * rows, two customer_ids that are not hex digests, two unmasked emails, two unredacted ssns, two
 * negative revenues (and one NULL revenue, which is not a violation), three zero order counts, and
 * revenue summing to 44.00. Days run from 2024-06-03 to 2024-06-10; the latest update is
 * 2024-06-10 06:00 UTC.
 */
final class OrdersFixture {

  static final String HEX32 = "0123456789abcdef0123456789abcdef";
  static final Instant LATEST_UPDATE = Instant.parse("2024-06-10T06:00:00Z");
  /** The scheduled time whose 3-day lookback keeps the five rows from 2024-06-08 on. */
  static final Instant SCHEDULED = Instant.parse("2024-06-10T12:00:00Z");

  /** Values that must never appear in a result message. */
  static final List<String> DATA_VALUES = List.of(
      "not-a-hash", "abc123", "jane@example.com", "plain@example.com", "123-45-6789", "Jane Smith", "tok_1", "44");

  private OrdersFixture() {}

  static String[] create(String table) {
    return new String[] {
        "DROP TABLE IF EXISTS " + table,
        "CREATE TABLE " + table + " (order_id varchar(16), customer_id varchar(200), email varchar(100),"
            + " ssn varchar(50), card_token varchar(50), revenue_usd decimal(12,2), order_count integer,"
            + " day date, updated_at timestamp)",
        "INSERT INTO " + table + " VALUES"
            + " ('o1', '" + HEX32 + "', 'j***@example.com', '[REDACTED]', 'tok_1', 10.00, 1, DATE '2024-06-10',"
            + "   TIMESTAMP '2024-06-10 06:00:00'),"
            + " ('o2', '" + HEX32 + HEX32 + "', '****', '***', 'tok_2', 20.00, 2, DATE '2024-06-10',"
            + "   TIMESTAMP '2024-06-10 05:00:00'),"
            + " ('o3', 'not-a-hash', NULL, NULL, 'tok_3', -5.00, 0, DATE '2024-06-09', TIMESTAMP '2024-06-09 06:00:00'),"
            + " (NULL, 'ABCDEF0123456789ABCDEF0123456789ABCDEF01', 'jane@example.com', '123-45-6789', 'tok_4', NULL, 3,"
            + "   DATE '2024-06-09', TIMESTAMP '2024-06-09 06:00:00'),"
            + " ('o5', NULL, '', 'redacted', 'tok_5', 5.00, 0, DATE '2024-06-08', TIMESTAMP '2024-06-08 06:00:00'),"
            + " ('o6', 'abc123', 'XXXX-XXXX-1234', '  XXXX ', 'tok_6', -1.00, 4, DATE '2024-06-05',"
            + "   TIMESTAMP '2024-06-05 06:00:00'),"
            + " ('o7', '" + "ab".repeat(64) + "', 'a###b', '<Redacted>', 'tok_7', 7.00, 0, DATE '2024-06-04',"
            + "   TIMESTAMP '2024-06-04 06:00:00'),"
            + " ('o8', '" + HEX32 + "', 'plain@example.com', 'Jane Smith', 'tok_8', 8.00, 1, DATE '2024-06-03',"
            + "   TIMESTAMP '2024-06-03 06:00:00')"
    };
  }

  static List<ColumnSpec> schema() {
    return List.of(
        new ColumnSpec("order_id", "string", false, false, null),
        new ColumnSpec("customer_id", "string", false, true, PiiHandling.HASHED),
        new ColumnSpec("email", "string", true, true, PiiHandling.MASKED),
        new ColumnSpec("ssn", "varchar", true, true, PiiHandling.REDACTED),
        new ColumnSpec("card_token", "string", true, true, PiiHandling.TOKENIZED),
        new ColumnSpec("revenue_usd", "decimal(12,2)", true, false, null),
        new ColumnSpec("order_count", "integer", true, false, null),
        new ColumnSpec("day", "date", true, false, null),
        new ColumnSpec("updated_at", "timestamp", true, false, null));
  }

  static List<CustomCheckSpec> customChecks() {
    return List.of(
        new CustomCheckSpec("revenue_non_negative", "revenue_usd >= 0", Severity.FAIL, 0),
        new CustomCheckSpec("orders_counted", "order_count > 0", Severity.WARN, 1),
        new CustomCheckSpec("has_rows", "count(*) > 0", Severity.FAIL, 0),
        new CustomCheckSpec("big_revenue", "sum(revenue_usd) > 1000", Severity.FAIL, 0),
        new CustomCheckSpec("discount_bounded", "discount_pct <= 100", Severity.FAIL, 0),
        new CustomCheckSpec("short_ids", "length(order_id) = 2", Severity.FAIL, 0),
        new CustomCheckSpec("revenue_per_order", "revenue_usd / order_count < 100", Severity.FAIL, 0),
        new CustomCheckSpec("rounded_share", "round(revenue_usd / 3, 2) >= -2", Severity.FAIL, 0));
  }

  static QualitySpec quality(String freshnessColumn, String partitionColumn, String lookback) {
    return new QualitySpec(2.0, 0.9, customChecks(), freshnessColumn, partitionColumn, lookback);
  }

  static ProductSpec spec(OutputFormat format, String connection, String table, QualitySpec quality) {
    OutputSpec output = new OutputSpec(format, null, null, null, null, table, null, null, connection);
    return new ProductSpec(new ProductId("orders", "orders-daily"), "orders-platform-team", "jane.smith@company.com",
        "Daily orders", output, schema(), quality, List.of(), null, null, null);
  }
}
