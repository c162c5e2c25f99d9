package io.meshwatch.worker.bench;

import java.util.List;

/**
 * What one benchmark run measures: the engines, {@code products} tables of {@code rows} rows (null:
 * each engine's default) with {@code checks} data checks each, {@code repeats} measured rounds
 * after {@code warmups} unmeasured ones, and {@code cycles} monitor cycles on unchanged data.
 */
public record BenchOptions(List<BenchEngine> engines, int products, int checks, Integer rows, int repeats,
    int warmups, int cycles) {

  public BenchOptions {
    engines = List.copyOf(engines);
    if (engines.isEmpty()) {
      throw new IllegalArgumentException("at least one engine is needed");
    }
    requireAtLeast("--products", products, 1);
    requireAtLeast("--checks", checks, 1);
    if (checks > ProductShape.MAX_CHECKS) {
      throw new IllegalArgumentException("--checks must be at most " + ProductShape.MAX_CHECKS + ", got " + checks);
    }
    if (rows != null) {
      requireAtLeast("--rows", rows, 1);
    }
    requireAtLeast("--repeat", repeats, 1);
    requireAtLeast("--warmup", warmups, 0);
    // One cycle evaluates (the first); at least one more is needed to see the unchanged-data rule.
    requireAtLeast("--cycles", cycles, 2);
  }

  /** The command that runs exactly these options, for the report. */
  public String commandLine() {
    String engine = engines.size() == BenchEngine.values().length ? "both" : engines.get(0).label();
    return "meshwatch bench --engine " + engine + " --products " + products + " --checks " + checks
        + (rows == null ? "" : " --rows " + rows) + " --repeat " + repeats + " --warmup " + warmups
        + " --cycles " + cycles;
  }

  /** Rows per table on {@code engine}. */
  public int rows(BenchEngine engine) {
    return rows != null ? rows : engine.defaultRows();
  }

  private static void requireAtLeast(String option, int value, int minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(option + " must be at least " + minimum + ", got " + value);
    }
  }
}
