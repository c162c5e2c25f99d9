package io.meshwatch.worker.bench;

import java.io.PrintStream;
import java.util.List;

/** A finished benchmark: its results and the exit code they call for. */
public record BenchOutcome(List<EngineResult> results, int exitCode) {

  public BenchOutcome {
    results = List.copyOf(results);
  }

  /** Runs the benchmark, prints the report to {@code out} and progress to {@code progress}. */
  public static BenchOutcome run(BenchOptions options, PrintStream out, PrintStream progress) throws Exception {
    List<EngineResult> results = new Benchmark(options, progress).run();
    out.print(BenchReport.render(options, MachineInfo.current(), results));
    out.flush();
    int code = !results.stream().allMatch(BenchReport::valid) ? 2 : BenchReport.allMet(results) ? 0 : 1;
    return new BenchOutcome(results, code);
  }
}
