package io.meshwatch.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshwatch resolve ID --reason fixed [--note ...]}: end an incident by hand. */
@Command(name = "resolve", mixinStandardHelpOptions = true, description = "Resolve an incident by hand, with a reason and an optional note.")
public final class ResolveCommand extends IncidentActionCommand {

  /** The reasons a person may give; {@code recovered} is meshwatch's own. */
  static final List<String> REASONS = List.of("fixed", "expected", "false_positive");

  @Option(names = "--reason", required = true, paramLabel = "REASON", description = "fixed, expected or false_positive")
  String reason;

  @Option(names = "--note", paramLabel = "TEXT", description = "what was done or why (at most 2000 characters)")
  String note;

  public ResolveCommand() {
    this(System.getenv());
  }

  ResolveCommand(Map<String, String> env) {
    super(env);
  }

  @Override
  String verb() {
    return "resolve";
  }

  @Override
  void fill(ObjectNode body) throws ApiOptions.UsageException {
    if (!REASONS.contains(reason)) {
      throw new ApiOptions.UsageException("--reason: must be fixed, expected or false_positive, got '" + reason + "'"
          + (reason.equals("recovered") ? " (recovered is meshwatch's own, when the product is healthy again)" : ""));
    }
    body.put("reason", reason);
    if (note != null) {
      body.put("note", note);
    }
  }

  @Override
  String accepted(JsonNode answer) {
    return "resolve as " + answer.path("reason").asText(reason);
  }
}
