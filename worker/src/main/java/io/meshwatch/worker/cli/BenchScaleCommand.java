package io.meshwatch.worker.cli;

import io.meshwatch.worker.bench.scale.ScaleBenchmark;
import io.meshwatch.worker.bench.scale.ScaleOptions;
import io.meshwatch.worker.bench.scale.ScaleVariant;
import io.meshwatch.worker.config.HumanDuration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshwatch bench-scale}: the scale benchmark of docs/benchmarks.md ("Scale"). Starts
 * Temporal's test server and embedded PostgreSQL, runs the worker in a JVM of its own against a
 * fixed-latency warehouse, registers the products, prints the figures and the verdict against the
 * scale targets; exits 0 when every target is met, 1 when one is missed, 2 when the options are wrong.
 */
@Command(name = "bench-scale", description = "Measure one worker with many products: heap, threads, CPU, rates, history, deadline-to-alert.")
public final class BenchScaleCommand implements Callable<Integer> {

  @Option(names = "--products", defaultValue = "10000", description = "products in all (default: ${DEFAULT-VALUE})")
  int products;

  @Option(names = "--deadlines", defaultValue = "300", description = "of them, products whose freshness deadline passes in the window (default: ${DEFAULT-VALUE})")
  int deadlines;

  @Option(names = "--poll-interval", defaultValue = "5m", description = "the monitors' poll interval (default: ${DEFAULT-VALUE})")
  String pollInterval;

  @Option(names = "--window", defaultValue = "5m", description = "the measured steady window (default: ${DEFAULT-VALUE})")
  String window;

  @Option(names = "--warehouse-latency", defaultValue = "5ms", description = "what each warehouse statement takes (default: ${DEFAULT-VALUE})")
  String latency;

  @Option(names = "--history-limit", defaultValue = "100", description = "the monitors' history_events_limit (default: ${DEFAULT-VALUE})")
  int historyLimit;

  @Option(names = "--worker-heap", defaultValue = "1024", description = "the worker JVM's maximum heap in MiB (default: ${DEFAULT-VALUE})")
  int workerHeapMb;

  @Option(names = "--worker-cores", defaultValue = "2", description = "processors the worker JVM may use (default: ${DEFAULT-VALUE})")
  int workerCores;

  @Option(names = "--compare", description = "run each worker setting of the comparison instead of the defaults")
  boolean compare;

  @Override
  public Integer call() throws Exception {
    ScaleOptions options;
    try {
      options = new ScaleOptions(products, deadlines, duration("--poll-interval", pollInterval), duration("--window", window),
          duration("--warehouse-latency", latency), historyLimit, workerHeapMb, workerCores,
          compare ? ScaleVariant.comparison() : List.of(ScaleVariant.defaults()));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    return ScaleBenchmark.run(options, System.out, System.err).exitCode();
  }

  private static java.time.Duration duration(String option, String value) {
    try {
      return HumanDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }
}
