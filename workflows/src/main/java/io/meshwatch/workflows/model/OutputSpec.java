package io.meshwatch.workflows.model;

import java.util.Objects;

/**
 * {@code spec.output}. Which location fields apply depends on the format: {@code location} for Delta;
 * {@code database/schema/table} for Snowflake, DuckDB and PostgreSQL; {@code project/dataset/table}
 * for BigQuery. {@code catalog} is informational. {@code connection} names credentials held in worker
 * config; credentials never appear in a spec. Absent fields are null.
 */
public record OutputSpec(
    OutputFormat format,
    String location,
    String catalog,
    String database,
    String schema,
    String table,
    String project,
    String dataset,
    String connection) {

  public OutputSpec {
    Objects.requireNonNull(format, "format");
  }

  /** The connection name to use: the declared one, else the format's default ({@code "default"}). */
  public String connectionOrDefault() {
    return connection == null ? "default" : connection;
  }
}
