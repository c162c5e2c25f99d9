package io.meshwatch.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwatch.worker.api.IncidentCommand;
import io.meshwatch.worker.config.HumanDuration;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshwatch snooze ID --for 2h}: put an incident aside; it is open again afterwards. */
@Command(name = "snooze", mixinStandardHelpOptions = true, description = "Snooze an incident for a while; afterwards it is open again and escalation resumes.")
public final class SnoozeCommand extends IncidentActionCommand {

  @Option(names = "--for", required = true, paramLabel = "DURATION", description = "how long, such as 30m, 2h or 1d (at most 30d)")
  String duration;

  public SnoozeCommand() {
    this(System.getenv());
  }

  SnoozeCommand(Map<String, String> env) {
    super(env);
  }

  @Override
  String verb() {
    return "snooze";
  }

  @Override
  void fill(ObjectNode body) throws ApiOptions.UsageException {
    Duration d;
    try {
      d = HumanDuration.parse(duration);
    } catch (IllegalArgumentException e) {
      throw new ApiOptions.UsageException("--for: " + e.getMessage());
    }
    if (d.isNegative() || d.isZero() || d.compareTo(IncidentCommand.Snooze.LONGEST) > 0) {
      throw new ApiOptions.UsageException("--for: must be longer than 0 and at most 30d (longer: resolve it as expected)");
    }
    body.put("for", HumanDuration.format(d));
  }

  @Override
  String accepted(JsonNode answer) {
    return "snooze for " + HumanDuration.format(Duration.parse(answer.path("for").asText("PT0S")));
  }
}
