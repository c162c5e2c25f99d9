package io.meshwatch.worker.api;

import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.Resolution;
import java.time.Duration;
import java.util.Objects;

/**
 * What someone asks of an incident from the API, the CLI or Slack; each becomes one signal of the
 * incident workflow. Validated where it was read, so every instance can be sent.
 */
public sealed interface IncidentCommand {

  /** Who asks, and through what ({@code api}, {@code cli}, {@code slack}). */
  Actor by();

  /** The command's name in paths and messages: {@code acknowledge}, {@code snooze}, {@code resolve}. */
  String verb();

  record Acknowledge(Actor by) implements IncidentCommand {
    public Acknowledge {
      Objects.requireNonNull(by, "by");
    }

    @Override
    public String verb() {
      return "acknowledge";
    }
  }

  record Snooze(Actor by, Duration duration) implements IncidentCommand {

    /** Longer than this is not a snooze: resolve the incident as expected instead. */
    public static final Duration LONGEST = Duration.ofDays(30);

    public Snooze {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
        throw new IllegalArgumentException("a snooze lasts more than 0 and at most 30d, got " + duration);
      }
    }

    @Override
    public String verb() {
      return "snooze";
    }
  }

  record Resolve(Actor by, Resolution reason, String note) implements IncidentCommand {
    public Resolve {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(reason, "reason");
      if (reason == Resolution.RECOVERED) {
        throw new IllegalArgumentException("recovered is meshwatch's own resolution; resolve with fixed, expected or false_positive");
      }
    }

    @Override
    public String verb() {
      return "resolve";
    }
  }
}
