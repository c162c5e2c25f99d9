package io.meshwatch.worker.bench;

import io.meshwatch.workflows.model.OutputFormat;
import java.util.List;
import java.util.Locale;

/** A warehouse engine the benchmark runs on, each started by the benchmark itself. */
public enum BenchEngine {
  DUCKDB("duckdb", OutputFormat.DUCKDB, "main", 200_000),
  // PostgreSQL spends about 30 µs a row on the hashed-PII rule's regular expression
  // (docs/benchmarks.md), so its default tables are smaller: the default run stays within minutes.
  POSTGRES("postgres", OutputFormat.POSTGRES, "public", 20_000);

  private final String label;
  private final OutputFormat format;
  private final String schema;
  private final int defaultRows;

  BenchEngine(String label, OutputFormat format, String schema, int defaultRows) {
    this.label = label;
    this.format = format;
    this.schema = schema;
    this.defaultRows = defaultRows;
  }

  public String label() {
    return label;
  }

  public OutputFormat format() {
    return format;
  }

  /** Rows per table when {@code --rows} is not given. */
  public int defaultRows() {
    return defaultRows;
  }

  /** The schema the generated tables live in. */
  public String schema() {
    return schema;
  }

  /** {@code duckdb}, {@code postgres} or {@code both}. */
  public static List<BenchEngine> parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("both")) {
      return List.of(DUCKDB, POSTGRES);
    }
    for (BenchEngine engine : values()) {
      if (engine.label.equals(value)) {
        return List.of(engine);
      }
    }
    throw new IllegalArgumentException("--engine must be duckdb, postgres or both, got '" + text + "'");
  }
}
