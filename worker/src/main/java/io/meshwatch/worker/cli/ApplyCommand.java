package io.meshwatch.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshwatch apply -f FILE_OR_DIR...}: registers every spec with a running worker, one line per
 * file as it is done ({@code created}, {@code updated} or {@code unchanged}). Idempotent, so CI can run
 * it on every commit. Exit 0: all applied; 1: any refused (each error printed with its file and path);
 * 2: usage.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Register specs (or ODCS contracts) with a running worker: created, updated or unchanged per file.",
        "Exit 0: all applied; 1: any refused or unreachable (every error as file:line: path: problem); 2: usage."})
public final class ApplyCommand implements Callable<Integer> {

  @Option(names = {"-f", "--file"}, required = true, arity = "1..*", paramLabel = "FILE_OR_DIR",
      description = "a spec file, or a folder of *.yaml / *.yml / *.json specs")
  List<Path> files;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE})")
  OutputFormat output;

  @Mixin ApiOptions api;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public ApplyCommand() {
    this(System.getenv());
  }

  ApplyCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> specs;
    WorkerApi worker;
    try {
      specs = SpecFiles.of(files);
      worker = new WorkerApi(api.baseUri(env), api.token(env));
    } catch (ApiOptions.UsageException e) {
      err.println("meshwatch apply: " + e.getMessage());
      return IncidentActionCommand.USAGE;
    }
    ArrayNode json = WorkerApi.json().createArrayNode();
    int failed = 0;
    for (int i = 0; i < specs.size(); i++) {
      SpecUpload.Result result = SpecUpload.send(worker, specs.get(i), false, err);
      json.add(SpecUpload.json(result));
      // One line per file as soon as it is done: a long apply shows its progress.
      String progress = specs.size() > 1 ? "[" + (i + 1) + "/" + specs.size() + "] " : "";
      String line = switch (result) {
        case SpecUpload.Result.Done done -> progress + done.file() + ": " + applied(done.answer());
        case SpecUpload.Result.Failed refused -> {
          failed++;
          yield progress + refused.file() + ": failed: " + refused.reason();
        }
      };
      if (output == OutputFormat.text) {
        out.println(line);
        out.flush();
      } else {
        err.println(line);
      }
    }
    if (output == OutputFormat.json) {
      out.println(WorkerApi.json().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } else if (specs.size() > 1) {
      out.println((specs.size() - failed) + " of " + specs.size() + " applied" + (failed == 0 ? "" : ", " + failed + " failed"));
    }
    return failed == 0 ? IncidentActionCommand.DONE : IncidentActionCommand.REFUSED;
  }

  /** {@code orders/orders-daily created (version 1)}. */
  static String applied(JsonNode answer) {
    return answer.path("product").asText() + " " + answer.path("outcome").asText() + " (version " + answer.path("version").asLong()
        + (answer.path("reactivated").asBoolean() ? ", retired before: monitored again" : "") + ")";
  }
}
