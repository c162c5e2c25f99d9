package io.meshwatch.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meshwatch incidents [--all]}: the open incidents (or the latest of all) of a running worker, as a table. */
@Command(name = "incidents", mixinStandardHelpOptions = true, description = "List open incidents of a running worker (--all: resolved ones too, newest first).")
public final class IncidentsCommand implements Callable<Integer> {

  @Option(names = "--all", description = "also resolved incidents, newest first")
  boolean all;

  @Option(names = "--limit", defaultValue = "200", paramLabel = "N", description = "with --all, at most this many (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "print the API's JSON instead of a table (same as -o json)")
  boolean json;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE})")
  OutputFormat output;

  @Mixin ApiOptions api;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public IncidentsCommand() {
    this(System.getenv());
  }

  IncidentsCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    WorkerApi worker;
    try {
      if (limit < 1 || limit > 1000) {
        throw new ApiOptions.UsageException("--limit must be from 1 to 1000, got " + limit);
      }
      worker = new WorkerApi(api.baseUri(env), api.token(env));
    } catch (ApiOptions.UsageException e) {
      err.println("meshwatch incidents: " + e.getMessage());
      return IncidentActionCommand.USAGE;
    }
    WorkerApi.Answer answer;
    try {
      answer = worker.get(all ? "/api/incidents?state=all&limit=" + limit : "/api/incidents?state=open");
    } catch (WorkerApi.Unreachable e) {
      err.println("meshwatch incidents: " + e.getMessage());
      return IncidentActionCommand.REFUSED;
    }
    if (!answer.ok() || answer.body().isEmpty() || !answer.body().get().isArray()) {
      err.println("meshwatch incidents: " + answer.problem());
      return IncidentActionCommand.REFUSED;
    }
    JsonNode incidents = answer.body().get();
    if (json || output == OutputFormat.json) {
      out.println(WorkerApi.json().writerWithDefaultPrettyPrinter().writeValueAsString(incidents));
    } else if (incidents.isEmpty()) {
      out.println(all ? "no incidents" : "no open incidents");
    } else {
      out.print(table(incidents));
    }
    return IncidentActionCommand.DONE;
  }

  /** One row per incident: id, state, when it opened, what fails, who took it. */
  static String table(JsonNode incidents) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"INCIDENT", "STATE", "OPENED", "FAILING", "BY"});
    for (JsonNode i : incidents) {
      List<String> failing = new ArrayList<>();
      i.path("failing").forEach(f -> failing.add(f.path("checkId").asText()));
      rows.add(new String[] {
          i.path("id").asText(),
          state(i),
          i.path("openedAt").asText(),
          failing.isEmpty() ? "-" : String.join(", ", failing),
          actor(i.path("resolvedBy").isObject() ? i.path("resolvedBy") : i.path("acknowledgedBy"))});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(c == row.length - 1 ? row[c] : String.format("%-" + widths[c] + "s  ", row[c]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String state(JsonNode i) {
    String state = i.path("state").asText();
    if (state.equals("SNOOZED") && i.path("snoozedUntil").isTextual()) {
      return state + " until " + i.path("snoozedUntil").asText();
    }
    if (state.equals("RESOLVED") && i.path("resolution").isTextual()) {
      return state + " (" + i.path("resolution").asText() + ")";
    }
    return state;
  }

  private static String actor(JsonNode actor) {
    return actor.isObject() ? actor.path("name").asText() + " (" + actor.path("via").asText() + ")" : "-";
  }
}
