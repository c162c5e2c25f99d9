package io.meshwatch.worker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.meshwatch.worker.governance.ChangeKind;
import io.meshwatch.worker.governance.SpecChange;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.ProductId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import io.meshwatch.worker.governance.SpecDiff;
import io.meshwatch.worker.runtime.Specs;
import io.meshwatch.worker.spec.SpecLoader;
import io.meshwatch.worker.spec.SpecResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshwatch diff -f NEW... [-o text|json]}: what applying NEW would change, classified
 * (breaking, compatible, other), and which consumers to tell. Online by default: each spec is
 * compared with the one the running worker has registered (the API's dry run; nothing is stored).
 * With {@code --against OLD}, offline: two files. Either may be a native spec or an ODCS v3 data
 * contract. Exit 0: no breaking change; 3: breaking changes; 1: a spec is invalid or refused, or the
 * worker unreachable; 2: usage.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compare specs with what a running worker has registered (or, with --against, with a file, offline):",
        "every change with its path, breaking ones marked, and the consumers they affect.",
        "Exit 0: nothing breaking; 3: breaking changes; 1: a spec is invalid or refused; 2: usage."})
public final class DiffCommand implements Callable<Integer> {

  static final int BREAKING = 3;

  @Option(names = "--against", paramLabel = "OLD", description = "offline: the current spec (what consumers read today)")
  Path against;

  @Option(names = {"-f", "--file"}, required = true, arity = "1..*", paramLabel = "NEW",
      description = "the spec to be deployed; online, also a folder of specs")
  List<Path> files;

  @Mixin ApiOptions api;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE})")
  OutputFormat output;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public DiffCommand() {
    this(System.getenv());
  }

  DiffCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    return against == null ? online() : offline();
  }

  /** Each spec against the registered one, through the worker's dry run. */
  private int online() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> specs;
    WorkerApi worker;
    try {
      specs = SpecFiles.of(files);
      worker = new WorkerApi(api.baseUri(env), api.token(env));
    } catch (ApiOptions.UsageException e) {
      err.println("meshwatch diff: " + e.getMessage());
      return IncidentActionCommand.USAGE;
    }
    ArrayNode json = WorkerApi.json().createArrayNode();
    boolean failed = false;
    boolean breaking = false;
    for (Path file : specs) {
      SpecUpload.Result result = SpecUpload.send(worker, file, true, err);
      json.add(SpecUpload.json(result));
      switch (result) {
        case SpecUpload.Result.Failed refused -> {
          failed = true;
          if (output == OutputFormat.text) {
            out.println(file + ": failed: " + refused.reason());
          }
        }
        case SpecUpload.Result.Done done -> {
          JsonNode diff = done.answer().path("diff");
          if (diff.isObject()) {
            SpecDiff parsed = parse(diff);
            breaking |= parsed.hasBreaking();
            if (output == OutputFormat.text) {
              out.println(file + ":");
              parsed.render().forEach(line -> out.println("  " + line));
            }
          } else if (output == OutputFormat.text) {
            out.println(file + ": " + done.answer().path("product").asText() + ": new product (not registered yet)");
          }
        }
      }
    }
    if (output == OutputFormat.json) {
      out.println(WorkerApi.json().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }
    return failed ? ValidateCommand.INVALID : breaking ? BREAKING : 0;
  }

  /** The API's diff back as the record the offline diff renders, so both print alike. */
  static SpecDiff parse(JsonNode diff) throws JsonProcessingException {
    List<SpecChange> changes = new ArrayList<>();
    for (JsonNode change : diff.path("changes")) {
      changes.add(SpecChange.of(change.path("path").asText(), ChangeKind.valueOf(change.path("kind").asText()),
          change.path("before").isNull() || change.path("before").isMissingNode() ? null : change.path("before").asText(),
          change.path("after").isNull() || change.path("after").isMissingNode() ? null : change.path("after").asText()));
    }
    List<ConsumerSpec> consumers = new ArrayList<>();
    for (JsonNode consumer : diff.path("affectedConsumers")) {
      consumers.add(new ConsumerSpec(consumer.path("team").asText(),
          consumer.path("useCase").isTextual() ? consumer.path("useCase").asText() : null));
    }
    return new SpecDiff(ProductId.parse(diff.path("product").asText()), changes, consumers);
  }

  private int offline() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (files.size() != 1) {
      err.println("meshwatch diff: with --against, -f names one spec file");
      return IncidentActionCommand.USAGE;
    }
    Path file = files.get(0);
    SpecLoader loader = Specs.loader();
    SpecResult before = loader.loadFile(against);
    SpecResult after = loader.loadFile(file);
    boolean invalid = false;
    for (SpecResult result : new SpecResult[] {before, after}) {
      if (result instanceof SpecResult.Invalid bad) {
        bad.report().forEach(err::println);
        invalid = true;
      }
    }
    if (invalid) {
      return ValidateCommand.INVALID;
    }
    SpecDiff diff = SpecDiff.between(((SpecResult.Valid) before).spec(), ((SpecResult.Valid) after).spec());
    if (output == OutputFormat.json) {
      out.println(WorkerApi.json().writerWithDefaultPrettyPrinter().writeValueAsString(diff));
    } else {
      diff.render().forEach(out::println);
    }
    return diff.hasBreaking() ? BREAKING : 0;
  }
}
