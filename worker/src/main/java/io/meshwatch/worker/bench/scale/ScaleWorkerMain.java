package io.meshwatch.worker.bench.scale;

import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import io.meshwatch.workflows.model.OutputFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The worker process of the scale benchmark: the production runtime from a worker config file, with
 * the fixed-latency {@link ScaleWarehouseClient} as connection {@value #CONNECTION}. It runs until its
 * standard input closes, so it never outlives the benchmark that started it.
 *
 * <p>Arguments: config file, work directory, warehouse latency in milliseconds, refresh period in
 * milliseconds.
 */
public final class ScaleWorkerMain {

  static final String CONNECTION = "scale";
  /** Printed to standard output once the worker serves; the benchmark waits for it. */
  static final String READY = "scale worker ready";

  private ScaleWorkerMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 4) {
      System.err.println("usage: ScaleWorkerMain <config file> <work dir> <latency millis> <refresh millis>");
      System.exit(2);
    }
    WorkerConfig config;
    ConfigLoader loader = new ConfigLoader(System.getenv());
    try {
      config = loader.load(Path.of(args[0]));
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    var warehouse = new ScaleWarehouseClient(Duration.ofMillis(Long.parseLong(args[2])), Duration.ofMillis(Long.parseLong(args[3])),
        Clock.systemUTC());
    try (MeshwatchRuntime runtime = MeshwatchRuntime.start(config, loader, Path.of(args[1]), System.out,
        List.of(new WarehouseConnections.Registered(CONNECTION, OutputFormat.POSTGRES, warehouse)))) {
      System.out.println(READY + " " + runtime.httpPort());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Nothing is sent; end of input is the signal to stop.
      }
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
    System.exit(0);
  }
}
