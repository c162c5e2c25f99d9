package io.meshwatch.alerts.slack;

import io.meshwatch.workflows.incident.Resolution;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The ids and values of the controls on an incident's main message, shared with the worker's Slack
 * interactivity endpoint: an {@code Acknowledge} button whose value is the incident id, and two
 * static selects whose option values are {@code <incidentId>|<argument>} (a snooze's ISO-8601
 * duration, a resolution's wire name). Also the metadata event type on every message meshwatch posts.
 */
public final class SlackActions {

  public static final String ACKNOWLEDGE = "meshwatch.acknowledge";
  public static final String SNOOZE = "meshwatch.snooze";
  public static final String RESOLVE = "meshwatch.resolve";

  /** {@code metadata.event_type} of every message meshwatch posts. */
  public static final String EVENT_TYPE = "meshwatch_incident";

  /** Separates the incident id from the argument in a select's option value. */
  public static final char SEPARATOR = '|';

  /** Slack caps an option's value at 150 characters. */
  public static final int MAX_OPTION_VALUE = 150;

  /** A snooze offered in the select: its label and its ISO-8601 duration (the value's argument). */
  public record SnoozeChoice(String label, String iso) {
    public Duration duration() {
      return Duration.parse(iso);
    }
  }

  public static final List<SnoozeChoice> SNOOZE_CHOICES = List.of(
      new SnoozeChoice("1 hour", "PT1H"), new SnoozeChoice("4 hours", "PT4H"), new SnoozeChoice("1 day", "P1D"));

  /** The resolutions a person may choose ({@link Resolution#RECOVERED} is meshwatch's own). */
  public static final List<Resolution> RESOLVE_CHOICES =
      List.of(Resolution.FIXED, Resolution.EXPECTED, Resolution.FALSE_POSITIVE);

  private SlackActions() {}

  public static String snoozeValue(String incidentId, SnoozeChoice choice) {
    return incidentId + SEPARATOR + choice.iso();
  }

  public static String resolveValue(String incidentId, Resolution resolution) {
    return incidentId + SEPARATOR + resolution.wireName();
  }

  /** A select's value taken apart: the incident and the chosen argument. */
  public record ActionValue(String incidentId, String argument) {
    public ActionValue {
      Objects.requireNonNull(incidentId, "incidentId");
      Objects.requireNonNull(argument, "argument");
    }

    /** The snooze's length; throws {@link IllegalArgumentException} for one the select never offers. */
    public Duration snooze() {
      return SNOOZE_CHOICES.stream().filter(c -> c.iso().equals(argument)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("not an offered snooze: " + argument)).duration();
    }

    /** The resolution; throws {@link IllegalArgumentException} for one the select never offers. */
    public Resolution resolution() {
      return RESOLVE_CHOICES.stream().filter(r -> r.wireName().equals(argument)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("not an offered resolution: " + argument));
    }
  }

  /** Parses {@code <incidentId>|<argument>}; incident ids hold no {@code |}. */
  public static ActionValue parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("an action value is required");
    }
    int at = value.lastIndexOf(SEPARATOR);
    if (at <= 0 || at == value.length() - 1) {
      throw new IllegalArgumentException("an action value is <incidentId>|<argument>, got '" + value + "'");
    }
    return new ActionValue(value.substring(0, at), value.substring(at + 1));
  }
}
