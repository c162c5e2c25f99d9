package io.meshwatch.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwatch.workflows.model.ProductId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshwatch get [PRODUCT]}: the registered products as a table, or one product in detail. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Registered products of a running worker as a table, or one product (spec, state, latest results).",
        "Exit 0: shown; 1: unknown product, refused or unreachable; 2: usage."})
public final class GetCommand extends ApiCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "PRODUCT", description = "<domain>/<name>: this product in detail")
  String product;

  @Option(names = "--domain", paramLabel = "DOMAIN", description = "only products of this domain")
  String domain;

  @Option(names = "--owner", paramLabel = "TEAM", description = "only products of this owner")
  String owner;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE})")
  OutputFormat output;

  public GetCommand() {
    this(System.getenv());
  }

  GetCommand(Map<String, String> env) {
    super(env);
  }

  @Override
  int run(WorkerApi worker, PrintWriter out, PrintWriter err) throws Exception {
    if (product != null) {
      ProductId id = ProductArgument.parse(product);
      WorkerApi.Answer answer = worker.get(ProductArgument.path(id));
      if (!answer.ok() || answer.body().isEmpty()) {
        return refused(answer, err);
      }
      out.print(output == OutputFormat.json ? pretty(answer.body().get()) + "\n" : detail(answer.body().get()));
      return IncidentActionCommand.DONE;
    }
    List<String> query = new ArrayList<>();
    if (domain != null) {
      query.add("domain=" + java.net.URLEncoder.encode(domain, java.nio.charset.StandardCharsets.UTF_8));
    }
    if (owner != null) {
      query.add("owner=" + java.net.URLEncoder.encode(owner, java.nio.charset.StandardCharsets.UTF_8));
    }
    WorkerApi.Answer answer = worker.get("/api/products" + (query.isEmpty() ? "" : "?" + String.join("&", query)));
    if (!answer.ok() || answer.body().isEmpty() || !answer.body().get().isArray()) {
      return refused(answer, err);
    }
    JsonNode products = answer.body().get();
    if (output == OutputFormat.json) {
      out.println(pretty(products));
    } else if (products.isEmpty()) {
      out.println("no products registered");
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"PRODUCT", "OWNER", "VERSION", "STATE", "LAST UPDATED"});
      for (JsonNode p : products) {
        rows.add(new String[] {p.path("id").asText(), p.path("owner").asText(), String.valueOf(p.path("specVersion").asLong()),
            p.path("state").asText(), p.path("lastUpdated").asText("-")});
      }
      out.print(Table.render(rows));
    }
    return IncidentActionCommand.DONE;
  }

  /** One product for people: who, what state since when, freshness, what fails, the latest results. */
  static String detail(JsonNode p) {
    StringBuilder out = new StringBuilder();
    line(out, "product", p.path("id").asText());
    line(out, "owner", p.path("owner").asText());
    line(out, "steward", p.path("steward").asText("-"));
    line(out, "version", String.valueOf(p.path("specVersion").asLong()));
    line(out, "status", p.path("active").asBoolean(true) ? (p.path("paused").asBoolean() ? "paused" : "active")
        : "retired at " + p.path("retiredAt").asText() + " by " + p.path("retiredBy").asText());
    line(out, "state", p.path("state").asText() + (p.path("stateSince").isTextual() ? " since " + p.path("stateSince").asText() : ""));
    line(out, "last updated", p.path("lastUpdated").asText("-"));
    line(out, "deadline", p.path("deadline").asText("-"));
    line(out, "last evaluated", p.path("lastEvaluatedAt").asText("-"));
    line(out, "open incident", p.path("openIncident").asText("-"));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CHECK", "OUTCOME", "OBSERVED", "MESSAGE"});
    for (JsonNode r : p.path("results")) {
      rows.add(new String[] {r.path("checkId").asText(), r.path("outcome").asText(), r.path("observed").asText("-"),
          r.path("message").asText("")});
    }
    if (rows.size() > 1) {
      out.append('\n').append(Table.render(rows));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("%-15s %s%n", label + ":", value.isEmpty() ? "-" : value));
  }
}
