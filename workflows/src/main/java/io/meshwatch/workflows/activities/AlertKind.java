package io.meshwatch.workflows.activities;

/** What an alert says happened. */
public enum AlertKind {
  /** The product became late or a FAIL check failed. */
  BREACH,
  /** The product is healthy again. */
  RECOVERED
}
