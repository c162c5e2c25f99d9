package io.meshwatch.workflows.incident;

import java.util.Locale;

/** Why an incident was resolved. */
public enum Resolution {
  /** The product was healthy again (resolved by meshwatch). */
  RECOVERED,
  /** Someone fixed the cause. */
  FIXED,
  /** The breach was expected (a planned outage, a known late load). */
  EXPECTED,
  /** The check was wrong, not the data. */
  FALSE_POSITIVE;

  /** The spelling used by the API, the CLI and Slack: {@code fixed}, {@code false_positive}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
