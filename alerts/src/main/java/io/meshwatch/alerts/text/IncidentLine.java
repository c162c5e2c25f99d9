package io.meshwatch.alerts.text;

import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.model.ConsumerSpec;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * One delivery as one readable line, for the console: the intent, the product and its state, what
 * fails with its aggregates, and who is hurt. Never more than one line: line breaks in any text are
 * flattened.
 */
public final class IncidentLine {

  private IncidentLine() {}

  public static String render(DeliveryIntent intent, IncidentSnapshot s) {
    StringBuilder line = new StringBuilder("[meshwatch] ").append(intent).append(' ').append(s.product().id());
    switch (intent) {
      case OPENED, UPDATED, REMINDER, CONSUMER_NOTICE -> {
        line.append(" is ").append(s.productState() == null ? s.state() : s.productState())
            .append(" since ").append(s.breachSince());
        if (intent == DeliveryIntent.REMINDER) {
          line.append(" (").append(HumanDuration.of(Duration.between(s.openedAt(), s.at()))).append(", ")
              .append(s.state()).append(')');
        }
        line.append(" — owner ").append(s.product().owner());
        failing(line, s);
        consumers(line, s);
      }
      case ESCALATED_TO_STEWARD -> {
        line.append(" → steward ").append(s.product().steward() == null ? "(none named)" : s.product().steward())
            .append(", unacknowledged for ").append(HumanDuration.of(Duration.between(s.openedAt(), s.at())));
        failing(line, s);
      }
      case ESCALATED_TO_PLATFORM -> {
        line.append(" → platform, unacknowledged for ")
            .append(HumanDuration.of(Duration.between(s.openedAt(), s.at()))).append(" — owner ").append(s.product().owner());
        failing(line, s);
      }
      case ACKNOWLEDGED -> line.append(" acknowledged by ").append(actor(s.acknowledgedBy()));
      case SNOOZED -> line.append(" snoozed until ").append(s.snoozedUntil());
      case RESOLVED -> {
        Duration open = Duration.between(s.openedAt(), s.resolvedAt() == null ? s.at() : s.resolvedAt());
        line.append(" resolved after ").append(HumanDuration.of(open));
        if (s.resolution() != null) {
          line.append(" (").append(s.resolution().wireName());
          if (s.resolvedBy() != null) {
            line.append(" by ").append(actor(s.resolvedBy()));
          }
          line.append(')');
        }
      }
    }
    if (s.note() != null && !s.note().isBlank()) {
      line.append(" — note: ").append(s.note());
    }
    line.append(" — incident ").append(s.incidentId());
    return flat(line.toString());
  }

  private static void failing(StringBuilder line, IncidentSnapshot s) {
    if (!s.failing().isEmpty()) {
      line.append(" — failing: ").append(s.failing().stream().map(FailingCheck::result).map(CheckText::line)
          .collect(Collectors.joining("; ")));
    }
  }

  private static void consumers(StringBuilder line, IncidentSnapshot s) {
    if (!s.product().consumers().isEmpty()) {
      line.append(" — consumers: ").append(s.product().consumers().stream().map(IncidentLine::consumer)
          .collect(Collectors.joining(", ")));
    }
  }

  private static String consumer(ConsumerSpec c) {
    return c.useCase() == null ? c.team() : c.team() + " (" + c.useCase() + ")";
  }

  private static String actor(Actor actor) {
    if (actor == null) {
      return "someone";
    }
    // meshwatch's own transitions read "by meshwatch", not "by meshwatch via meshwatch".
    return actor.name().equals(actor.via()) ? actor.name() : actor.name() + " via " + actor.via();
  }

  private static String flat(String text) {
    return text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
  }
}
