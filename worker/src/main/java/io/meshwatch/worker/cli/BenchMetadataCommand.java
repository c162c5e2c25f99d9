package io.meshwatch.worker.cli;

import io.meshwatch.worker.bench.MetadataBench;
import io.meshwatch.worker.config.HumanDuration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshwatch bench-metadata}: the freshness-metadata figures of docs/benchmarks.md. Starts its
 * own embedded PostgreSQL; exits 0 when batched and unbatched probes answered alike, 2 when they did
 * not or the options are wrong.
 */
@Command(name = "bench-metadata", description = "Count the metadata statements N products' freshness probes on one connection cost per poll, batched and not.")
public final class BenchMetadataCommand implements Callable<Integer> {

  @Option(names = "--products", defaultValue = "10,100,1000", split = ",",
      description = "product counts to measure, one table each (default: ${DEFAULT-VALUE})")
  List<Integer> products;

  @Option(names = "--poll", defaultValue = "5m", description = "the poll interval simulated (default: ${DEFAULT-VALUE})")
  String poll;

  @Override
  public Integer call() throws Exception {
    MetadataBench bench;
    try {
      bench = new MetadataBench(products, HumanDuration.parse(poll), System.out, System.err);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    return bench.run();
  }
}
