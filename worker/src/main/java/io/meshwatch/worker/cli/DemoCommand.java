package io.meshwatch.worker.cli;

import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.HumanDuration;
import io.meshwatch.worker.demo.Demo;
import io.meshwatch.worker.demo.DemoProducts;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import io.meshwatch.worker.runtime.StatusTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshwatch demo}: everything embedded — Temporal's test server in-process, embedded
 * PostgreSQL (data kept under the work folder), a generated DuckDB warehouse with three products,
 * console alerts, and on a fresh store a seeded past (the previous quarter and the current one so
 * far; {@code --no-history} skips it) — then the status table, the HTTP API and /metrics.
 */
@Command(name = "demo", description = "Run meshwatch on embedded defaults with three demo products.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--once", description = "evaluate once, print the status table and exit")
  boolean once;

  @Option(names = "--no-history", description = "do not seed a fresh store with the previous quarter and the current one so far")
  boolean noHistory;

  @Option(names = "--work-dir", defaultValue = ".meshwatch/demo", description = "folder for embedded data (default: ${DEFAULT-VALUE})")
  Path workDir;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--poll", defaultValue = "1m", description = "metadata poll interval (default: ${DEFAULT-VALUE})")
  String poll;

  @Option(names = "--timeout", defaultValue = "2m", description = "how long to wait for the first evaluations (default: ${DEFAULT-VALUE})")
  String timeout;

  @Override
  public Integer call() throws Exception {
    MeshwatchRuntime started;
    try {
      started = Demo.start(workDir, port, HumanDuration.parse(poll), System.out, !noHistory);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    try (MeshwatchRuntime runtime = started) {
      boolean complete = DemoProducts.awaitFirstCycles(runtime, HumanDuration.parse(timeout));
      System.out.println();
      System.out.print(StatusTable.render(runtime.directory().active(), runtime.statuses(), Instant.now()));
      if (!complete) {
        System.err.println("not every product finished its first evaluation within " + timeout);
        return 1;
      }
      if (once) {
        return 0;
      }
      System.out.println();
      System.out.println("HTTP API: http://localhost:" + runtime.httpPort() + "/api/products   metrics: http://localhost:"
          + runtime.httpPort() + "/metrics   (Ctrl-C stops)");
      Shutdown.await();
    }
    return 0;
  }
}
