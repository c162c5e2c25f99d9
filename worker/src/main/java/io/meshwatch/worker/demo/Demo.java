package io.meshwatch.worker.demo;

import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The embedded demo: generates the DuckDB warehouse, starts meshwatch on embedded defaults
 * (Temporal test server, embedded PostgreSQL under {@code workDir/postgres}, console alerts to
 * {@code out}), seeds a fresh store with the previous quarter and the current one so far
 * ({@link DemoHistory}) and registers the three demo products.
 */
public final class Demo {

  private Demo() {}

  /** The demo with its seeded history. */
  public static MeshwatchRuntime start(Path workDir, int httpPort, Duration pollInterval, PrintStream out)
      throws IOException, SQLException, ConfigException {
    return start(workDir, httpPort, pollInterval, out, true);
  }

  /** {@code history}: seed a fresh store's past (one line on {@code out} says what was seeded). */
  public static MeshwatchRuntime start(Path workDir, int httpPort, Duration pollInterval, PrintStream out, boolean history)
      throws IOException, SQLException, ConfigException {
    ConfigLoader loader = ConfigLoader.fromEnvironment();
    Instant now = Instant.now();
    Path warehouse = DemoWarehouse.generate(workDir.resolve("warehouse"), now);
    WorkerConfig config = config(loader.defaults(), warehouse, httpPort, pollInterval);
    MeshwatchRuntime runtime = MeshwatchRuntime.start(config, loader, workDir, out);
    try {
      if (history) {
        // Before registration: the products then count as registered since the history began, and
        // the monitors' first cycles come after the history's last.
        SeededHistory seeded = DemoHistory.seedIfFresh(runtime.store(), DemoProducts.load(runtime.specLoader()),
            config.escalation().ladder(), now);
        out.println(seeded.line());
      }
      // So the stored timeline and the score functions can be queried while the demo runs.
      out.println("demo store: " + runtime.store().dsl().connectionResult(c -> c.getMetaData().getURL()));
      DemoProducts.registerAll(runtime);
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /** The demo's config: the defaults with everything embedded and the demo warehouse as connection {@code demo}. */
  public static WorkerConfig config(WorkerConfig defaults, Path warehouseFile, int httpPort, Duration pollInterval) {
    return new WorkerConfig(
        new WorkerConfig.Temporal("embedded", defaults.temporal().namespace(), defaults.temporal().taskQueue(), 0, defaults.temporal().tls()),
        new WorkerConfig.Store("embedded", null, null, null, "postgres"),
        Map.of("demo", new WorkerConfig.Warehouse("duckdb", "jdbc:duckdb:" + warehouseFile.toAbsolutePath(), null, null, null, Duration.ofSeconds(60), Map.of())),
        Map.of(),
        new WorkerConfig.Http(httpPort, Map.of()),
        new WorkerConfig.Monitor(pollInterval, 0),
        new WorkerConfig.Alerts(true, null),
        defaults.slack(),
        defaults.links(),
        defaults.escalation());
  }
}
