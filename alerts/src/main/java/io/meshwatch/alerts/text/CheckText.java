package io.meshwatch.alerts.text;

import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import java.util.Locale;

/**
 * A failing check in words, from its aggregates: observed against threshold, violating rows of rows,
 * data age against the SLA. Plain text; each sink escapes it for its own markup.
 *
 * <p>A check's own message is shown only where it adds the rule or the deadline. A PII-handling
 * check's message is never shown, whatever it says: its words are built here from the counts alone,
 * so even a check that put a value in its message could not carry it into an alert.
 */
public final class CheckText {

  private CheckText() {}

  /** {@code completeness: 93.00% complete, threshold 99.00%; 70 of 1,000 rows incomplete}. */
  public static String line(CheckResult result) {
    return result.checkId() + ": " + describe(result);
  }

  public static String describe(CheckResult r) {
    if (r.outcome() == Outcome.ERROR || r.outcome() == Outcome.NOT_EVALUATED) {
      String reason = safeMessage(r);
      return "could not measure" + (reason == null ? "" : ": " + reason);
    }
    return switch (r.kind()) {
      case FRESHNESS -> freshness(r);
      case COMPLETENESS -> completeness(r);
      case PII_HANDLING -> r.violations() != null && r.rows() != null
          ? count(r.violations()) + " of " + count(r.rows()) + " rows do not conform to the column's pii_handling"
          : "values do not conform to the column's pii_handling";
      case NOT_NULL, CUSTOM, SCHEMA -> r.message() != null ? r.message() : aggregates(r);
    };
  }

  /** The check's own words where they may be shown: never for PII-handling checks. */
  public static String safeMessage(CheckResult r) {
    return r.kind() == CheckKind.PII_HANDLING ? null : r.message();
  }

  private static String freshness(CheckResult r) {
    StringBuilder text = new StringBuilder();
    if (r.observed() != null) {
      text.append(String.format(Locale.ROOT, "data age %.1f h", r.observed()));
      if (r.threshold() != null) {
        text.append(", SLA ").append(number(r.threshold())).append(" h after the expected refresh");
      }
    }
    if (r.message() != null) {
      text.append(text.isEmpty() ? "" : "; ").append(r.message());
    }
    return text.isEmpty() ? "late" : text.toString();
  }

  private static String completeness(CheckResult r) {
    StringBuilder text = new StringBuilder();
    if (r.observed() != null) {
      text.append(percent(r.observed())).append(" complete");
      if (r.threshold() != null) {
        text.append(", threshold ").append(percent(r.threshold()));
      }
    }
    if (r.violations() != null && r.rows() != null) {
      text.append(text.isEmpty() ? "" : "; ").append(count(r.violations())).append(" of ").append(count(r.rows()))
          .append(" rows incomplete");
    }
    return text.isEmpty() ? "incomplete" : text.toString();
  }

  private static String aggregates(CheckResult r) {
    if (r.violations() != null && r.rows() != null) {
      return count(r.violations()) + " of " + count(r.rows()) + " rows violate";
    }
    if (r.observed() != null) {
      return "observed " + number(r.observed()) + (r.threshold() == null ? "" : ", threshold " + number(r.threshold()));
    }
    return "failed";
  }

  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  public static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.4g", value).replaceAll("\\.?0+$", "");
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
  }
}
