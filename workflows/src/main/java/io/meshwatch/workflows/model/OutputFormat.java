package io.meshwatch.workflows.model;

/** Where a product's output lives. {@code duckdb} and {@code postgres} serve small set-ups and the demo. */
public enum OutputFormat {
  DELTA,
  SNOWFLAKE,
  BIGQUERY,
  DUCKDB,
  POSTGRES;

  public String specName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
