package io.meshwatch.worker.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwatch.worker.config.HumanDuration;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.Resolution;
import java.time.Duration;
import java.util.Optional;

/**
 * The interactive parts of an incident's Slack message and what they mean: the button
 * {@value #ACKNOWLEDGE} (value: the incident id), the select {@value #SNOOZE} (option values
 * {@code <incidentId>|PT1H}, {@code |PT4H}, {@code |P1D}) and the select {@value #RESOLVE} (option
 * values {@code <incidentId>|fixed}, {@code |expected}, {@code |false_positive}). The delivery side
 * renders them with these ids and values; this side reads a {@code block_actions} payload back.
 */
public final class SlackActions {

  public static final String ACKNOWLEDGE = "meshwatch.acknowledge";
  public static final String SNOOZE = "meshwatch.snooze";
  public static final String RESOLVE = "meshwatch.resolve";
  /** Separates the incident id from the option in a select's value; ids never contain it. */
  public static final char SEPARATOR = '|';
  public static final String VIA = "slack";

  private SlackActions() {}

  /** What a payload asks for. */
  public sealed interface Reading {
    /** A command for an incident, from the user who clicked. */
    record Command(String incidentId, IncidentCommand command) implements Reading {}

    /** Nothing meshwatch acts on (another type or action, a stale value); {@code reason} is for the log. */
    record Ignored(String reason) implements Reading {}

    /** Not a payload Slack sends; {@code reason} says what is wrong. */
    record Malformed(String reason) implements Reading {}
  }

  /** Reads a parsed {@code payload}: its type, the user, and the first action. */
  public static Reading read(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      return new Reading.Malformed("the payload is not a JSON object");
    }
    String type = payload.path("type").asText("");
    if (!type.equals("block_actions")) {
      return new Reading.Ignored("payload type '" + CommandBodies.printable(type) + "' is not block_actions");
    }
    JsonNode user = payload.path("user");
    String who = firstText(user, "id", "username", "name");
    if (who == null) {
      return new Reading.Malformed("the payload names no user");
    }
    JsonNode action = payload.path("actions").path(0);
    if (!action.isObject()) {
      return new Reading.Malformed("the payload has no actions");
    }
    String actionId = action.path("action_id").asText("");
    String value = action.hasNonNull("selected_option")
        ? action.path("selected_option").path("value").asText(null)
        : action.path("value").asText(null);
    Actor by = new Actor(who, VIA);
    return switch (actionId) {
      case ACKNOWLEDGE -> acknowledge(value, by);
      case SNOOZE -> snooze(value, by);
      case RESOLVE -> resolve(value, by);
      default -> new Reading.Ignored("action '" + CommandBodies.printable(actionId) + "' is not meshwatch's");
    };
  }

  private static Reading acknowledge(String value, Actor by) {
    Optional<String> id = incidentId(value);
    return id.isEmpty()
        ? ignoredValue(ACKNOWLEDGE, value)
        : new Reading.Command(id.get(), new IncidentCommand.Acknowledge(by));
  }

  private static Reading snooze(String value, Actor by) {
    int separator = value == null ? -1 : value.lastIndexOf(SEPARATOR);
    Optional<String> id = separator < 0 ? Optional.empty() : incidentId(value.substring(0, separator));
    if (id.isEmpty()) {
      return ignoredValue(SNOOZE, value);
    }
    Duration duration;
    try {
      duration = HumanDuration.parse(value.substring(separator + 1));
    } catch (IllegalArgumentException e) {
      return ignoredValue(SNOOZE, value);
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(IncidentCommand.Snooze.LONGEST) > 0) {
      return ignoredValue(SNOOZE, value);
    }
    return new Reading.Command(id.get(), new IncidentCommand.Snooze(by, duration));
  }

  private static Reading resolve(String value, Actor by) {
    int separator = value == null ? -1 : value.lastIndexOf(SEPARATOR);
    Optional<String> id = separator < 0 ? Optional.empty() : incidentId(value.substring(0, separator));
    Optional<Resolution> reason = separator < 0 ? Optional.empty() : CommandBodies.byHand(value.substring(separator + 1));
    if (id.isEmpty() || reason.isEmpty()) {
      return ignoredValue(RESOLVE, value);
    }
    return new Reading.Command(id.get(), new IncidentCommand.Resolve(by, reason.get(), null));
  }

  /** The value of a button or option, built from meshwatch's own message: a stale or foreign one is ignored. */
  private static Reading ignoredValue(String actionId, String value) {
    return new Reading.Ignored(actionId + " with a value meshwatch does not make: '" + CommandBodies.printable(String.valueOf(value))
        + "'");
  }

  private static Optional<String> incidentId(String value) {
    try {
      return Optional.of(IncidentKey.parse(value).id());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String firstText(JsonNode node, String... fields) {
    for (String field : fields) {
      String text = node.path(field).asText("");
      if (!text.isBlank()) {
        return text;
      }
    }
    return null;
  }
}
