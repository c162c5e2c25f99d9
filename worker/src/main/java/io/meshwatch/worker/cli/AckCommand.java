package io.meshwatch.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code meshwatch ack ID}: acknowledge an incident (the escalation ladder stops). */
@Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an incident: its escalation stops; reminders go on in its thread.")
public final class AckCommand extends IncidentActionCommand {

  public AckCommand() {
    this(System.getenv());
  }

  AckCommand(Map<String, String> env) {
    super(env);
  }

  @Override
  String verb() {
    return "acknowledge";
  }

  @Override
  void fill(ObjectNode body) {}

  @Override
  String accepted(JsonNode answer) {
    return "acknowledge";
  }
}
