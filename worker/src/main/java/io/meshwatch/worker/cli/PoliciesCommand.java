package io.meshwatch.worker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.governance.Policy;
import io.meshwatch.worker.governance.PolicyCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshwatch policies [--config FILE] [--available] [-o text|json]}: the governance policies a
 * worker with that config enforces at registration, with what each demands and its parameters.
 * Offline: read from the config, never from a running worker.
 */
@Command(name = "policies", mixinStandardHelpOptions = true,
    description = {"List the governance policies a worker config enforces at registration (offline).",
        "--available lists every policy meshwatch knows and the parameters each takes."})
public final class PoliciesCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "worker config file (default: the defaults and MESHWATCH_* variables)")
  Path config;

  @Option(names = "--available", description = "every known policy, configured or not")
  boolean available;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE})")
  OutputFormat output;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public PoliciesCommand() {
    this(System.getenv());
  }

  PoliciesCommand(Map<String, String> env) {
    this.env = env;
  }

  /** One listed policy; also the JSON shape. */
  record Listed(String name, String description, Map<String, Object> parameters) {}

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Listed> listed = new ArrayList<>();
    if (available) {
      for (PolicyCatalog.Entry entry : PolicyCatalog.ENTRIES) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        entry.parameters().forEach(p -> parameters.put(p.name(), (p.required() ? "required: " : "optional: ") + p.description()));
        listed.add(new Listed(entry.name(), entry.description(), parameters));
      }
    } else {
      try {
        for (Policy policy : OfflineConfig.load(config, env).policiesInForce()) {
          listed.add(new Listed(policy.name(), policy.description(), new TreeMap<>(policy.parameters())));
        }
      } catch (ConfigException e) {
        err.println(e.getMessage());
        return ValidateCommand.BAD_CONFIG;
      }
    }
    if (output == OutputFormat.json) {
      out.println(WorkerApi.json().writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("policies", listed)));
      return 0;
    }
    if (listed.isEmpty()) {
      out.println("no governance policies configured (governance.policies is empty): every valid spec is accepted");
      return 0;
    }
    for (Listed policy : listed) {
      out.println(policy.name() + ": " + policy.description());
      if (!policy.parameters().isEmpty()) {
        out.println("  " + policy.parameters().entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n  ")));
      }
    }
    return 0;
  }
}
