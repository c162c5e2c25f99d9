package io.meshwatch.worker.runtime;

import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.DeliveryOutput;
import io.meshwatch.workflows.activities.IncidentActivities;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ConsumerSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A stand-in delivery until the alerts module's lands: prints each incident message to the console,
 * one block per delivery, aggregates only. Remembers recent keys so a retried activity does not
 * print twice in this process; routing, Slack and the durable outbox are the real delivery's.
 */
public final class ConsoleIncidentActivities implements IncidentActivities {

  private static final int REMEMBERED_KEYS = 10_000;

  private final PrintStream out;
  private final Map<String, MessageRef> delivered = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, MessageRef> eldest) {
      return size() > REMEMBERED_KEYS;
    }
  };

  public ConsoleIncidentActivities(PrintStream out) {
    this.out = out;
  }

  @Override
  public DeliveryOutput deliver(DeliveryInput input) {
    synchronized (delivered) {
      if (delivered.containsKey(input.key())) {
        return new DeliveryOutput(delivered.get(input.key()), false);
      }
    }
    MessageRef message = input.intent() == DeliveryIntent.OPENED ? new MessageRef("console", null, input.key()) : input.message();
    out.print(render(input.intent(), input.incident()));
    out.flush();
    synchronized (delivered) {
      delivered.put(input.key(), message);
    }
    return new DeliveryOutput(message, true);
  }

  static String render(DeliveryIntent intent, IncidentSnapshot incident) {
    StringBuilder text = new StringBuilder("[meshwatch] INCIDENT ").append(intent).append(' ').append(incident.product().id());
    switch (intent) {
      case OPENED, UPDATED -> text.append(" is ").append(incident.productState());
      case ESCALATED_TO_STEWARD -> text.append(" to steward ").append(incident.product().steward());
      case ESCALATED_TO_PLATFORM -> text.append(" to the platform team");
      case REMINDER -> text.append(" still ").append(incident.productState()).append(" after ")
          .append(human(Duration.between(incident.openedAt(), incident.at())));
      case ACKNOWLEDGED -> text.append(" by ").append(incident.acknowledgedBy().name());
      case SNOOZED -> text.append(" until ").append(incident.snoozedUntil());
      case RESOLVED -> text.append(" (").append(incident.resolution().wireName()).append(") after ")
          .append(human(Duration.between(incident.openedAt(), incident.resolvedAt())));
      case CONSUMER_NOTICE -> text.append(" affects its consumers");
    }
    text.append("   [").append(incident.incidentId()).append("]\n");
    if (intent == DeliveryIntent.OPENED || intent == DeliveryIntent.UPDATED) {
      text.append("  owner: ").append(incident.product().owner());
      if (incident.product().steward() != null) {
        text.append("   steward: ").append(incident.product().steward());
      }
      text.append('\n');
      for (FailingCheck failing : incident.failing()) {
        text.append("    - ").append(failing.checkId()).append(" since ").append(failing.since()).append(": ")
            .append(describe(failing.result())).append('\n');
      }
      if (!incident.product().consumers().isEmpty()) {
        text.append("  consumers: ")
            .append(incident.product().consumers().stream().map(ConsoleIncidentActivities::consumer).collect(Collectors.joining(", ")))
            .append('\n');
      }
    }
    return text.toString();
  }

  /** A result in words: its message (aggregates only) or its counts. */
  private static String describe(CheckResult r) {
    if (r.message() != null) {
      return r.message();
    }
    if (r.violations() != null && r.rows() != null) {
      return String.format(Locale.ROOT, "%,d of %,d rows violate", r.violations(), r.rows());
    }
    if (r.observed() != null) {
      return String.format(Locale.ROOT, "observed %.2f", r.observed()) + (r.threshold() == null ? "" : String.format(Locale.ROOT, ", threshold %.2f", r.threshold()));
    }
    return r.outcome().name();
  }

  private static String consumer(ConsumerSpec c) {
    return c.useCase() == null ? c.team() : c.team() + " (" + c.useCase() + ")";
  }

  private static String human(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    return minutes < 60 ? minutes + "m" : String.format(Locale.ROOT, "%dh %02dm", minutes / 60, minutes % 60);
  }
}
