package io.meshwatch.worker.cli;

import io.meshwatch.workflows.model.ProductId;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meshwatch evaluate PRODUCT}: asks the product's monitor to probe and scan now. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Ask a product's monitor to evaluate now, even on unchanged data (platform role, or the owner of its domain).",
        "Exit 0: requested; 1: unknown or retired product, refused or unreachable; 2: usage."})
public final class EvaluateCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "PRODUCT", description = "<domain>/<name>")
  String product;

  public EvaluateCommand() {
    this(System.getenv());
  }

  EvaluateCommand(Map<String, String> env) {
    super(env);
  }

  @Override
  int run(WorkerApi worker, PrintWriter out, PrintWriter err) throws Exception {
    ProductId id = ProductArgument.parse(product);
    WorkerApi.Answer answer = worker.post(ProductArgument.path(id) + "/evaluate");
    if (!answer.ok()) {
      return refused(answer, err);
    }
    out.println("evaluation of " + id + " requested (by " + answer.body().map(b -> b.path("requestedBy").asText()).orElse("?")
        + "); `meshwatch get " + id + "` shows the result");
    return IncidentActionCommand.DONE;
  }
}
