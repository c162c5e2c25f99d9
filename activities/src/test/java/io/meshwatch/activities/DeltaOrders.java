package io.meshwatch.activities;

import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import java.util.List;

/**
 * The rows of {@link OrdersFixture} as a Delta table: its schema, and DuckDB selects of its rows
 * (all of them, or those a condition keeps) for {@code DeltaTableWriter}.
 */
final class DeltaOrders {

  static final StructType SCHEMA = new StructType()
      .add("order_id", StringType.STRING)
      .add("customer_id", StringType.STRING)
      .add("email", StringType.STRING)
      .add("ssn", StringType.STRING)
      .add("card_token", StringType.STRING)
      .add("revenue_usd", new DecimalType(12, 2))
      .add("order_count", IntegerType.INTEGER)
      .add("day", DateType.DATE)
      .add("updated_at", TimestampNTZType.TIMESTAMP_NTZ);

  /** Rows o1 to o4: days 2024-06-09 and 10; one NULL order_id, no NULL customer_id. */
  static final String RECENT = "day >= DATE '2024-06-09'";
  /** Rows o5 to o8: days 2024-06-03 to 08; one NULL customer_id, no NULL order_id. */
  static final String OLDER = "day < DATE '2024-06-09'";

  private DeltaOrders() {}

  /** The fixture's rows, as a select in the schema's column order. */
  static String rows() {
    String insert = OrdersFixture.create("t")[2];
    String values = insert.substring(insert.indexOf(" VALUES") + " VALUES".length());
    return "SELECT CAST(c1 AS VARCHAR) AS order_id, CAST(c2 AS VARCHAR) AS customer_id, CAST(c3 AS VARCHAR) AS email,"
        + " CAST(c4 AS VARCHAR) AS ssn, CAST(c5 AS VARCHAR) AS card_token, CAST(c6 AS DECIMAL(12,2)) AS revenue_usd,"
        + " CAST(c7 AS INTEGER) AS order_count, CAST(c8 AS DATE) AS day, CAST(c9 AS TIMESTAMP) AS updated_at"
        + " FROM (VALUES " + values + ") v(c1, c2, c3, c4, c5, c6, c7, c8, c9)";
  }

  /** The fixture's rows that {@code condition} keeps. */
  static String rows(String condition) {
    return "SELECT * FROM (" + rows() + ") WHERE " + condition;
  }

  static ProductSpec spec(String location, String connection, List<ColumnSpec> schema, QualitySpec quality) {
    OutputSpec output = new OutputSpec(OutputFormat.DELTA, location, null, null, null, null, null, null, connection);
    return new ProductSpec(new ProductId("orders", "orders-daily"), "orders-platform-team", "jane.smith@company.com",
        "Daily orders", output, schema, quality, List.of(), null, null, null);
  }
}
