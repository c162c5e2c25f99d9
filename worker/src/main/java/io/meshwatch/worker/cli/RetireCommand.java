package io.meshwatch.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwatch.workflows.model.ProductId;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meshwatch retire PRODUCT}: stops monitoring a product; its history stays. Retiring again is harmless. */
@Command(name = "retire", mixinStandardHelpOptions = true,
    description = {"Retire a product of a running worker: its monitor stops, its history stays (needs the platform role).",
        "Exit 0: retired (or already); 1: unknown product, refused or unreachable; 2: usage."})
public final class RetireCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "PRODUCT", description = "<domain>/<name>")
  String product;

  public RetireCommand() {
    this(System.getenv());
  }

  RetireCommand(Map<String, String> env) {
    super(env);
  }

  @Override
  int run(WorkerApi worker, PrintWriter out, PrintWriter err) throws Exception {
    ProductId id = ProductArgument.parse(product);
    WorkerApi.Answer answer = worker.delete(ProductArgument.path(id));
    if (!answer.ok() || answer.body().isEmpty()) {
      return refused(answer, err);
    }
    JsonNode body = answer.body().get();
    out.println(id + " " + body.path("outcome").asText() + " (by " + body.path("retiredBy").asText() + " at "
        + body.path("retiredAt").asText() + ")");
    return IncidentActionCommand.DONE;
  }
}
