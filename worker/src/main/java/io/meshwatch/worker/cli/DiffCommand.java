package io.meshwatch.worker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * {@code meshwatch diff --against OLD -f NEW [-o text|json]}: what deploying NEW over OLD changes,
 * classified (breaking, compatible, other), and which consumers to tell. Offline, two files; either
 * may be a native spec or an ODCS v3 data contract. Exit 0: no breaking change; 3: breaking changes;
 * 1: a spec is invalid; 2: usage.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compare two versions of a product spec offline: every change with its path, breaking ones marked,",
        "and the consumers they affect. Exit 0: nothing breaking; 3: breaking changes; 1: a spec is invalid; 2: usage."})
public final class DiffCommand implements Callable<Integer> {

  static final int BREAKING = 3;

  /** Output formats. */
  enum Output { text, json }

  @Option(names = "--against", required = true, paramLabel = "OLD", description = "the current spec (what consumers read today)")
  Path against;

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "NEW", description = "the spec to be deployed")
  Path file;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE})")
  Output output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
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
    if (output == Output.json) {
      out.println(WorkerApi.json().writerWithDefaultPrettyPrinter().writeValueAsString(diff));
    } else {
      diff.render().forEach(out::println);
    }
    return diff.hasBreaking() ? BREAKING : 0;
  }
}
