package io.meshwatch.worker.cli;

import io.meshwatch.worker.bench.BenchEngine;
import io.meshwatch.worker.bench.BenchOptions;
import io.meshwatch.worker.bench.BenchOutcome;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshwatch bench}: the cost benchmark of docs/benchmarks.md. Starts its own warehouses,
 * prints the figures and the verdict against the cost targets; exits 0 when every target is met,
 * 1 when one is missed, 2 when the options are wrong or the strategies measured different things.
 */
@Command(name = "bench", description = "Measure what an evaluation costs: meshwatch against one query per check and a hand-written fused query.")
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--engine", defaultValue = "both", description = "duckdb, postgres or both (default: ${DEFAULT-VALUE})")
  String engine;

  @Option(names = "--products", defaultValue = "20", description = "products, one table each (default: ${DEFAULT-VALUE})")
  int products;

  @Option(names = "--checks", defaultValue = "8", description = "data checks per product (default: ${DEFAULT-VALUE})")
  int checks;

  @Option(names = "--rows", description = "rows per table (default: 200000 on duckdb, 20000 on postgres)")
  Integer rows;

  @Option(names = "--repeat", defaultValue = "3", description = "measured rounds (default: ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--warmup", defaultValue = "1", description = "unmeasured rounds first (default: ${DEFAULT-VALUE})")
  int warmups;

  @Option(names = "--cycles", defaultValue = "5", description = "monitor cycles on unchanged data (default: ${DEFAULT-VALUE})")
  int cycles;

  @Override
  public Integer call() throws Exception {
    BenchOptions options;
    try {
      options = new BenchOptions(BenchEngine.parse(engine), products, checks, rows, repeats, warmups, cycles);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    return BenchOutcome.run(options, System.out, System.err).exitCode();
  }
}
