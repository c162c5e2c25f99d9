package io.meshwatch.worker.cli;

import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.governance.Governance;
import io.meshwatch.worker.governance.PolicyViolation;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import io.meshwatch.worker.runtime.Specs;
import io.meshwatch.worker.spec.SpecResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshwatch worker}: the production worker, configured by a file and the environment. */
@Command(name = "worker", description = "Run the worker: Temporal worker, HTTP API and /metrics, until stopped.")
public final class WorkerCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, description = "worker config file (YAML); defaults and MESHWATCH_* variables apply")
  Path config;

  @Option(names = "--work-dir", defaultValue = ".meshwatch", description = "folder for embedded data (default: ${DEFAULT-VALUE})")
  Path workDir;

  @Option(names = "--specs", description = "register every spec in these files or folders at start (all must be valid)")
  List<Path> specs;

  @Override
  public Integer call() throws Exception {
    WorkerConfig workerConfig;
    ConfigLoader loader = ConfigLoader.fromEnvironment();
    try {
      workerConfig = config == null ? loader.defaults() : loader.load(config);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    List<SpecResult> loaded = specs == null ? List.of() : ValidateCommand.load(Specs.loader(), specs);
    List<SpecResult> invalid = loaded.stream().filter(r -> r instanceof SpecResult.Invalid).toList();
    if (!invalid.isEmpty()) {
      invalid.forEach(r -> r.report().forEach(System.err::println));
      System.err.println(invalid.size() + " invalid spec(s): nothing registered");
      return 1;
    }
    // Refused before anything starts, like an invalid spec: registration would refuse them one by one.
    Governance governance = new Governance(workerConfig.policiesInForce());
    int refused = 0;
    for (SpecResult result : loaded) {
      SpecResult.Valid valid = (SpecResult.Valid) result;
      List<PolicyViolation> violations = governance.check(valid.spec());
      violations.forEach(v -> System.err.println(valid.source() + ": " + v.render()));
      refused += violations.isEmpty() ? 0 : 1;
    }
    if (refused > 0) {
      System.err.println(refused + " spec(s) break governance policies: nothing registered");
      return 1;
    }
    try (MeshwatchRuntime runtime = MeshwatchRuntime.start(workerConfig, loader, workDir, System.out)) {
      for (SpecResult result : loaded) {
        SpecResult.Valid valid = (SpecResult.Valid) result;
        var applied = runtime.registrar().register(valid.spec(), null, "worker --specs");
        System.out.println(valid.spec().id() + ": " + applied.outcome().name().toLowerCase() + " (version " + applied.version() + ")");
      }
      Shutdown.await();
    }
    return 0;
  }
}
