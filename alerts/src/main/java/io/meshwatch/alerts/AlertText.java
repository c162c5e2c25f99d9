package io.meshwatch.alerts;

import io.meshwatch.workflows.activities.AlertKind;
import io.meshwatch.workflows.activities.NotifyInput;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.ConsumerSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders an alert as plain text: what failed with its measured aggregates, since when, and who
 * consumes the product. Never a data value: results carry none.
 */
public final class AlertText {

  private AlertText() {}

  public static String render(NotifyInput alert) {
    StringBuilder out = new StringBuilder();
    if (alert.kind() == AlertKind.RECOVERED) {
      out.append("[meshwatch] RECOVERED ").append(alert.product())
          .append(" is ").append(alert.state().name().toLowerCase(Locale.ROOT)).append(" again");
      if (alert.since() != null) {
        out.append(" after ").append(human(Duration.between(alert.since(), alert.at())))
            .append(" (breach since ").append(alert.since()).append(')');
      }
      out.append('\n');
      return out.toString();
    }
    out.append("[meshwatch] BREACH ").append(alert.product()).append(" is ").append(alert.state())
        .append(" since ").append(alert.since()).append('\n');
    out.append("  owner: ").append(alert.owner());
    if (alert.steward() != null) {
      out.append("   steward: ").append(alert.steward());
    }
    out.append('\n');
    out.append("  failing:\n");
    for (CheckResult result : alert.failing()) {
      out.append("    - ").append(result.checkId()).append(": ").append(result.outcome()).append(" — ")
          .append(describe(result)).append('\n');
    }
    if (!alert.consumers().isEmpty()) {
      out.append("  consumers: ").append(alert.consumers().stream().map(AlertText::consumer).collect(Collectors.joining(", ")))
          .append('\n');
    }
    return out.toString();
  }

  /**
   * One result in words. A check's own message already states its measured aggregates, so it stands
   * alone; without one, the aggregates are described here. Freshness leads with the data age.
   */
  public static String describe(CheckResult r) {
    StringBuilder text = new StringBuilder();
    if (r.kind() != CheckKind.FRESHNESS && r.message() != null) {
      return r.message();
    }
    if (r.kind() == CheckKind.FRESHNESS) {
      if (r.observed() != null) {
        text.append(String.format(Locale.ROOT, "data age %.1f h", r.observed()));
        if (r.threshold() != null) {
          text.append(String.format(Locale.ROOT, " (SLA %s h after the expected refresh)", number(r.threshold())));
        }
      }
    } else if (r.violations() != null && r.rows() != null) {
      text.append(String.format(Locale.ROOT, "%,d of %,d rows violate", r.violations(), r.rows()));
      if (r.kind() == CheckKind.COMPLETENESS && r.observed() != null && r.threshold() != null) {
        text.append(String.format(Locale.ROOT, " (completeness %.4f, threshold %s)", r.observed(), number(r.threshold())));
      }
    } else if (r.observed() != null) {
      text.append("observed ").append(number(r.observed()));
      if (r.threshold() != null) {
        text.append(", threshold ").append(number(r.threshold()));
      }
    }
    if (r.message() != null) {
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append(r.message());
    }
    return text.isEmpty() ? "failed" : text.toString();
  }

  private static String consumer(ConsumerSpec c) {
    return c.useCase() == null ? c.team() : c.team() + " (" + c.useCase() + ")";
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  static String human(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    if (minutes < 60) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return String.format(Locale.ROOT, "%dh %02dm", hours, minutes % 60);
    }
    return String.format(Locale.ROOT, "%dd %dh", hours / 24, hours % 24);
  }
}
