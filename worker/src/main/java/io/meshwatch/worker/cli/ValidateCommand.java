package io.meshwatch.worker.cli;

import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.governance.Governance;
import io.meshwatch.worker.governance.PolicyViolation;
import io.meshwatch.worker.runtime.Specs;
import io.meshwatch.worker.spec.SpecLoader;
import io.meshwatch.worker.spec.SpecResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code meshwatch validate [--config FILE] PATH...}: offline spec validation for CI, native specs and
 * ODCS v3 data contracts alike. With {@code --config}, the config's governance policies are applied
 * too, as registration would. Exit 1 when any spec is invalid or breaks a policy, 2 when the config is.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Validate product specs (or ODCS v3 data contracts) offline: every error, with file, line and path.",
        "With --config, also the governance policies of that worker config."})
public final class ValidateCommand implements Callable<Integer> {

  static final int INVALID = 1;
  static final int BAD_CONFIG = 2;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "spec files or folders of *.yaml / *.yml")
  List<Path> paths;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "worker config whose governance policies apply")
  Path config;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public ValidateCommand() {
    this(System.getenv());
  }

  ValidateCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Governance governance = Governance.none();
    if (config != null) {
      try {
        WorkerConfig workerConfig = OfflineConfig.load(config, env);
        governance = new Governance(workerConfig.policiesInForce());
      } catch (ConfigException e) {
        err.println(e.getMessage());
        return BAD_CONFIG;
      }
    }
    List<SpecResult> results = load(Specs.loader(), paths);
    int invalid = 0;
    for (SpecResult result : results) {
      switch (result) {
        case SpecResult.Valid valid -> {
          List<PolicyViolation> violations = governance.check(valid.spec());
          if (violations.isEmpty()) {
            out.println(valid.source() + ": ok (" + valid.spec().id() + ")");
          } else {
            invalid++;
            violations.forEach(v -> err.println(valid.source() + ": " + v.render()));
          }
          valid.report().forEach(line -> out.println("warning: " + line));
        }
        case SpecResult.Invalid bad -> {
          invalid++;
          bad.report().forEach(err::println);
        }
      }
    }
    out.println(results.size() + " spec(s), " + invalid + " invalid"
        + (config == null ? "" : " (" + governance.policies().size() + " governance polic" + (governance.policies().size() == 1 ? "y" : "ies") + " applied)"));
    return invalid == 0 ? 0 : INVALID;
  }

  static List<SpecResult> load(SpecLoader loader, List<Path> paths) {
    List<SpecResult> results = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        results.addAll(loader.loadDirectory(path));
      } else {
        results.add(loader.loadFile(path));
      }
    }
    return results;
  }
}
