package io.meshwatch.worker.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.worker.config.HumanDuration;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.Resolution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the JSON bodies of the incident commands: {@code {"by": "..."}} to acknowledge,
 * {@code {"for": "2h"}} to snooze, {@code {"reason": "fixed", "note": "..."}} to resolve. Every
 * problem is reported at once as {@code field: problem}.
 *
 * <p>Who acts: a caller with a token acts under the token's name ({@code by} may repeat it, nothing
 * else); without tokens (local callers only) {@code by} says who. {@code via} is {@code cli} when the
 * request says it comes from meshwatch's CLI, else {@code api}; it only tells how, never who.
 */
final class CommandBodies {

  /** Sent by {@code meshwatch ack|snooze|resolve}, so the history can say the CLI was used. */
  static final String CLIENT_HEADER = "X-Meshwatch-Client";
  static final String CLI_CLIENT = "cli";

  private static final int MAX_BY_LENGTH = 100;
  private static final int MAX_NOTE_LENGTH = 2000;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private CommandBodies() {}

  /** The result of reading one body. */
  sealed interface Parsed {
    record Valid(IncidentCommand command) implements Parsed {}

    record Invalid(List<String> problems) implements Parsed {}
  }

  static String via(String clientHeader) {
    return CLI_CLIENT.equals(clientHeader) ? "cli" : "api";
  }

  static Parsed read(String verb, String body, Optional<String> tokenName, String via) {
    List<String> problems = new ArrayList<>();
    JsonNode json = parse(body, problems);
    if (json == null) {
      return new Parsed.Invalid(problems);
    }
    List<String> known = switch (verb) {
      case "acknowledge" -> List.of("by");
      case "snooze" -> List.of("by", "for");
      case "resolve" -> List.of("by", "reason", "note");
      default -> throw new IllegalArgumentException("no incident command " + verb);
    };
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(printable(name) + ": unknown field (known: " + String.join(", ", known) + ")");
      }
    }
    Actor actor = actor(json, tokenName, via, problems);
    Duration duration = verb.equals("snooze") ? duration(json, problems) : null;
    Resolution reason = verb.equals("resolve") ? reason(json, problems) : null;
    String note = verb.equals("resolve") ? note(json, problems) : null;
    if (!problems.isEmpty()) {
      return new Parsed.Invalid(problems);
    }
    return new Parsed.Valid(switch (verb) {
      case "acknowledge" -> new IncidentCommand.Acknowledge(actor);
      case "snooze" -> new IncidentCommand.Snooze(actor, duration);
      default -> new IncidentCommand.Resolve(actor, reason, note);
    });
  }

  private static JsonNode parse(String body, List<String> problems) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode json = JSON.readTree(body);
      if (json == null || !json.isObject()) {
        problems.add("(body): must be a JSON object");
        return null;
      }
      return json;
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      problems.add("(body): not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
      return null;
    }
  }

  private static Actor actor(JsonNode json, Optional<String> tokenName, String via, List<String> problems) {
    String by = text(json, "by", problems);
    if (by != null && (by.isBlank() || by.length() > MAX_BY_LENGTH || by.chars().anyMatch(Character::isISOControl))) {
      problems.add("by: must be a name of 1 to " + MAX_BY_LENGTH + " printable characters");
      return null;
    }
    if (tokenName.isPresent()) {
      if (by != null && !by.equals(tokenName.get())) {
        problems.add("by: this request acts as '" + tokenName.get() + "', the name of its token; leave by out");
        return null;
      }
      return new Actor(tokenName.get(), via);
    }
    if (by == null) {
      problems.add("by: required: who acts (without API tokens, callers name themselves)");
      return null;
    }
    return new Actor(by.strip(), via);
  }

  private static Duration duration(JsonNode json, List<String> problems) {
    String text = text(json, "for", problems);
    if (text == null) {
      if (!json.has("for")) {
        problems.add("for: required: how long to snooze, such as 2h");
      }
      return null;
    }
    Duration duration;
    try {
      duration = HumanDuration.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add("for: must be a duration such as 30m, 2h or 1d, got '" + printable(text) + "'");
      return null;
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(IncidentCommand.Snooze.LONGEST) > 0) {
      problems.add("for: must be longer than 0 and at most 30d (longer: resolve it as expected), got '" + printable(text) + "'");
      return null;
    }
    return duration;
  }

  private static Resolution reason(JsonNode json, List<String> problems) {
    String text = text(json, "reason", problems);
    String expected = "must be fixed, expected or false_positive";
    if (text == null) {
      if (!json.has("reason")) {
        problems.add("reason: required: " + expected.substring("must be ".length()));
      }
      return null;
    }
    Optional<Resolution> reason = byHand(text);
    if (reason.isEmpty()) {
      problems.add("reason: " + expected + (text.equalsIgnoreCase("recovered")
          ? " (recovered is meshwatch's own, when the product is healthy again)" : ", got '" + printable(text) + "'"));
      return null;
    }
    return reason.get();
  }

  /** A resolution a person may give: {@code fixed}, {@code expected}, {@code false_positive}. */
  static Optional<Resolution> byHand(String wireName) {
    for (Resolution r : Resolution.values()) {
      if (r != Resolution.RECOVERED && r.wireName().equals(wireName.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private static String note(JsonNode json, List<String> problems) {
    String note = text(json, "note", problems);
    if (note != null && note.length() > MAX_NOTE_LENGTH) {
      problems.add("note: must be at most " + MAX_NOTE_LENGTH + " characters, got " + note.length());
      return null;
    }
    return note == null || note.isBlank() ? null : note.strip();
  }

  /** A string field, or null when absent or null; a problem when of another type. */
  private static String text(JsonNode json, String field, List<String> problems) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.add(field + ": must be a string");
      return null;
    }
    return node.asText();
  }

  /** A value from the request as it may appear in a message: short, without control characters. */
  static String printable(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
