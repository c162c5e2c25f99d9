package io.meshwatch.worker.spec;

import java.util.regex.Pattern;

/** The shapes of names a spec may contain, each with the sentence that explains it. */
final class NameRules {

  private NameRules() {}

  /** A name rule: the pattern and what to tell a user whose value does not match. */
  record Rule(Pattern pattern, int maxLength, String description) {
    boolean accepts(String value) {
      return value.length() <= maxLength && pattern.matcher(value).matches();
    }

    String problem(String value) {
      return "must be " + description + ", got " + Texts.quote(value);
    }
  }

  /** RFC 1123 label, lower case: product names, domains, teams. */
  static final Rule DNS_LABEL = new Rule(
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
      63,
      "a lower-case DNS label (1-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit)");

  /**
   * Warehouse identifiers (tables, schemas, columns) are quoted and bound by the adapters, never
   * pasted into SQL; this rule keeps them portable across dialects and unmistakable in alerts.
   */
  static final Rule IDENTIFIER = new Rule(
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*"),
      128,
      "an identifier (letters, digits, '_' and '$', not starting with a digit, at most 128 characters)");

  /** A Google Cloud project id, optionally domain-scoped ({@code example.com:my-project}). */
  static final Rule GCP_PROJECT = new Rule(
      Pattern.compile("([a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][-a-z0-9]{4,28}[a-z0-9]"),
      128,
      "a Google Cloud project id (6-30 characters of a-z, 0-9 and '-', starting with a letter)");

  static final Rule EMAIL = new Rule(
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}"),
      254,
      "an e-mail address such as jane.smith@company.com");

  /** The name of a connection in worker config. */
  static final Rule CONNECTION = new Rule(
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*"),
      64,
      "the name of a connection in worker config (letters, digits, '_', '-' and '.', at most 64 characters)");

  /** Informational catalog names such as {@code glue}, {@code unity}, {@code hive_metastore}. */
  static final Rule CATALOG = new Rule(
      Pattern.compile("[A-Za-z][A-Za-z0-9_-]*"),
      64,
      "a catalog name (letters, digits, '_' and '-', starting with a letter)");

  /** A check name; the same alphabet as generated names. */
  static final Rule CHECK_NAME = new Rule(
      Pattern.compile("[a-z0-9][a-z0-9_-]*"),
      63,
      "a check name (1-63 characters of a-z, 0-9, '_' and '-', starting with a letter or digit)");

  /** A Slack channel name ({@code #orders-alerts}) or a channel id ({@code C0123456789}). */
  static final Rule SLACK_CHANNEL = new Rule(
      Pattern.compile("#[a-z0-9][a-z0-9_-]*|[CG][A-Z0-9]{8,}"),
      81,
      "a Slack channel such as #orders-alerts (lower case) or a channel id such as C0123456789");
}
