package io.meshwatch.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code ack}, {@code snooze} and {@code resolve} share: the incident or product they name, the
 * worker they ask, who acts, and the exit codes: 0 accepted, 1 refused or failed, 2 bad usage.
 */
abstract class IncidentActionCommand implements Callable<Integer> {

  static final int DONE = 0;
  static final int REFUSED = 1;
  static final int USAGE = 2;

  @Parameters(index = "0", paramLabel = "ID", description = {"an incident id (incident/<domain>/<name>/<opened>)",
      "or a product id (<domain>/<name>): its open incident"})
  String id;

  @Mixin ApiOptions api;

  @Option(names = "--by", paramLabel = "NAME",
      description = "who acts (default: your user name); with an API token, the token's name is who acts")
  String by;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  IncidentActionCommand(Map<String, String> env) {
    this.env = env;
  }

  /** {@code acknowledge}, {@code snooze} or {@code resolve}: the API's word. */
  abstract String verb();

  /** Adds the command's own fields to the request body; throws on wrong usage. */
  abstract void fill(ObjectNode body) throws ApiOptions.UsageException;

  /** What was accepted, in words: {@code snooze for 2h}. */
  abstract String accepted(JsonNode answer);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    IncidentTarget target;
    WorkerApi worker;
    ObjectNode body = WorkerApi.json().createObjectNode();
    try {
      try {
        target = IncidentTarget.parse(id);
      } catch (IllegalArgumentException e) {
        throw new ApiOptions.UsageException("ID: " + e.getMessage());
      }
      Optional<String> token = api.token(env);
      worker = new WorkerApi(api.baseUri(env), token);
      if (by != null || token.isEmpty()) {
        body.put("by", by != null ? by : System.getProperty("user.name", "unknown"));
      }
      fill(body);
    } catch (ApiOptions.UsageException e) {
      err.println("meshwatch " + spec.name() + ": " + e.getMessage());
      spec.commandLine().usage(err);
      return USAGE;
    }

    WorkerApi.Answer answer;
    try {
      answer = worker.post(target.path(verb()), body);
    } catch (WorkerApi.Unreachable e) {
      err.println("meshwatch " + spec.name() + ": " + e.getMessage());
      return REFUSED;
    }
    if (!answer.ok()) {
      err.println("meshwatch " + spec.name() + ": " + answer.problem());
      return REFUSED;
    }
    JsonNode accepted = answer.body().orElse(WorkerApi.json().createObjectNode());
    JsonNode actor = accepted.path("by");
    out.println(accepted(accepted) + " accepted for " + accepted.path("incidentId").asText("the incident")
        + " (by " + actor.path("name").asText("?") + " via " + actor.path("via").asText("?") + ")");
    return DONE;
  }
}
