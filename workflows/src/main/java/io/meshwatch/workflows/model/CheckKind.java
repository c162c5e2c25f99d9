package io.meshwatch.workflows.model;

/** The closed set of check kinds, used as a label and a stored column. */
public enum CheckKind {
  FRESHNESS,
  SCHEMA,
  NOT_NULL,
  COMPLETENESS,
  PII_HANDLING,
  CUSTOM;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
